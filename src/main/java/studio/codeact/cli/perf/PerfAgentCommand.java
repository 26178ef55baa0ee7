package studio.codeact.cli.perf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import studio.codeact.agent.ActionMode;
import studio.codeact.agent.AgentConfig;
import studio.codeact.agent.AgentEvent;
import studio.codeact.agent.CodeActAgent;
import studio.codeact.agent.ObservationFormatter;
import studio.codeact.agent.TurnStats;
import studio.codeact.cli.Main;
import studio.codeact.engine.EngineConfig;
import studio.codeact.engine.EngineKind;
import studio.codeact.engine.Engines;
import studio.codeact.engine.PythonEngine;
import studio.codeact.engine.PythonLocator;
import studio.codeact.llm.scripted.ScriptedChatModel;
import studio.codeact.session.Session;
import studio.codeact.session.SessionInfo;
import studio.codeact.session.SessionStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code codeact perf agent}: the agent's own cost. Plays a scripted session (each turn an action
 * that prints a few thousand characters, then an answer) against a real engine and reports, per
 * turn, the time the agent itself spent — building the request, parsing, formatting the
 * observation, recording the session — with the model's and Python's time taken out, and the
 * characters sent to the model, which must level off under the context budget. Run twice: with
 * the session written to disk (each change fsynced by the session writer) and in memory, after
 * one unreported warm-up session. Then {@code --cache-turns} turns of the same session go over the
 * OpenAI wire to a scripted server on loopback, which keeps each request body: how much of each
 * request starts with the previous one byte for byte is what automatic prompt caching can reuse.
 */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = "Measure the agent's own overhead per turn and the characters sent per turn over a scripted session; prints one JSON object.")
public final class PerfAgentCommand implements Callable<Integer> {

    /** Target for the agent's own time per turn. */
    static final double TARGET_OVERHEAD_MS = 5.0;
    /** Target for the share of each request that repeats the previous one, from turn 2 until old turns are shortened. */
    static final double TARGET_PREFIX_REUSED = 0.9;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--turns", defaultValue = "30", description = "Turns in the scripted session (default: ${DEFAULT-VALUE}).")
    int turns;

    @Option(names = "--engine", paramLabel = "embedded|kernel", defaultValue = "embedded", description = "Engine to run the actions (default: ${DEFAULT-VALUE}).")
    String engine;

    @Option(names = "--context-budget", paramLabel = "CHARS", defaultValue = "48000", description = "The agent's context budget (default: ${DEFAULT-VALUE}).")
    int contextBudget;

    @Option(names = "--output-lines", defaultValue = "150", description = "Lines each scripted action prints (default: ${DEFAULT-VALUE}).")
    int outputLines;

    @Option(names = "--cache-turns", defaultValue = "10",
            description = "Turns of the session sent over the OpenAI wire to measure how much of each request repeats the previous one (default: ${DEFAULT-VALUE}).")
    int cacheTurns;

    @Option(names = "--python", paramLabel = "PATH", description = "Python interpreter (default: $CODEACT_PYTHON, then /usr/bin/python3).")
    String python;

    @Override
    public Integer call() throws IOException {
        if (turns < 2 || cacheTurns < 2) {
            throw new IllegalArgumentException("--turns and --cache-turns must be at least 2 (actions, then an answer)");
        }
        EngineKind kind = EngineKind.parse(engine);
        Path scratch = Files.createTempDirectory("codeact-perf-agent-");
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("engine", kind.id());
        figures.put("turns", turns);
        figures.put("context_budget", contextBudget);
        figures.put("observation_budget", ObservationFormatter.DEFAULT_BUDGET);
        figures.put("target_overhead_ms", TARGET_OVERHEAD_MS);
        // The code runs in the temporary-files folder, which outlives this command: an embedded interpreter keeps its
        // current folder after the engine closes, and the scratch folder is deleted at the end.
        Path work = Path.of(System.getProperty("java.io.tmpdir"));
        try (PythonEngine python = Engines.create(kind, EngineConfig.of(PythonLocator.chooseReady(this.python)).withWorkingDirectory(work))) {
            python.start();
            session(python, SessionStore.inMemory(start()));
            List<TurnStats> onDisk = session(python, SessionStore.create(scratch.resolve("session"), start()));
            List<TurnStats> inMemory = session(python, SessionStore.inMemory(start()));
            figures.put("overhead_ms_per_turn", summary(onDisk));
            figures.put("overhead_ms_per_turn_session_in_memory", summary(inMemory));
            figures.put("overhead_ms_by_turn", onDisk.stream().map(s -> round(s.overheadNanos() / 1e6)).toList());
            List<Integer> chars = onDisk.stream().map(TurnStats::charsSent).toList();
            figures.put("chars_sent_per_turn", chars);
            int max = chars.stream().max(Comparator.naturalOrder()).orElse(0);
            figures.put("chars_sent_max", max);
            figures.put("chars_sent_last", chars.getLast());
            figures.put("levels_off_under_budget", max <= contextBudget);
            double median = (double) summary(onDisk).get("median");
            figures.put("overhead_under_target", median < TARGET_OVERHEAD_MS);
            figures.put("prompt_cache", promptCache(python));
        } finally {
            delete(scratch);
        }
        spec.commandLine().getOut().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(figures));
        return Main.OK;
    }

    private List<String> script(int count) {
        List<String> replies = new ArrayList<>();
        for (int turn = 1; turn < count; turn++) {
            replies.add("Step " + turn + ": printing the next block of rows.\n<execute>\nrows_" + turn + " = [f'row {i:04d} of step "
                    + turn + ": ' + 'x' * 12 for i in range(" + outputLines + ")]\nprint('\\n'.join(rows_" + turn + "))\n</execute>");
        }
        replies.add("<solution>All " + (count - 1) + " steps ran.</solution>");
        return replies;
    }

    private List<TurnStats> session(PythonEngine python, SessionStore store) {
        ScriptedChatModel model = new ScriptedChatModel();
        script(turns).forEach(model::thenText);
        return play(model, python, store, turns);
    }

    /**
     * The scripted session over the OpenAI wire (the real client, a scripted server on loopback):
     * per turn, the request's size and how much of the previous request it starts with, byte for
     * byte — what a provider's automatic prompt cache can reuse.
     */
    private Map<String, Object> promptCache(PythonEngine python) throws IOException {
        List<String> bodies;
        List<TurnStats> stats;
        try (PromptPrefixProbe probe = new PromptPrefixProbe(script(cacheTurns))) {
            stats = play(probe.model(), python, SessionStore.inMemory(start()), cacheTurns);
            bodies = probe.bodies();
        }
        List<Integer> sizes = bodies.stream().map(String::length).toList();
        List<Double> reused = new ArrayList<>();
        List<Double> share = new ArrayList<>();
        Integer firstShortened = null;
        double worstBefore = 1.0;
        for (int n = 1; n < bodies.size(); n++) {
            int shared = PromptPrefixProbe.sharedPrefix(bodies.get(n - 1), bodies.get(n));
            double fraction = round((double) shared / bodies.get(n - 1).length());
            reused.add(fraction);
            share.add(round((double) shared / bodies.get(n).length()));
            if (firstShortened == null && sizes.get(n) < sizes.get(n - 1)) {
                firstShortened = n + 1;
            }
            if (firstShortened == null) {
                worstBefore = Math.min(worstBefore, fraction);
            }
        }
        Map<String, Object> cache = new LinkedHashMap<>();
        cache.put("turns", bodies.size());
        cache.put("wire", "openai");
        cache.put("request_bytes_per_turn", sizes);
        cache.put("chars_sent_per_turn", stats.stream().map(TurnStats::charsSent).toList());
        cache.put("prefix_reused_from_turn_2", reused);
        cache.put("prefix_share_of_request_from_turn_2", share);
        cache.put("first_turn_shortened_by_budget", firstShortened);
        cache.put("min_prefix_reused_before_shortening", round(worstBefore));
        cache.put("target_prefix_reused", TARGET_PREFIX_REUSED);
        cache.put("prefix_reused_meets_target", worstBefore >= TARGET_PREFIX_REUSED);
        return cache;
    }

    private List<TurnStats> play(studio.codeact.llm.ChatModel model, PythonEngine python, SessionStore store, int count) {
        AgentConfig config = AgentConfig.defaults("scripted", "scripted").withActionMode(ActionMode.TAGS).withMaxTurns(count)
                .withBudgets(ObservationFormatter.DEFAULT_BUDGET, contextBudget);
        CodeActAgent agent = new CodeActAgent(model, python, store, config);
        List<TurnStats> stats = new ArrayList<>();
        agent.setListener(event -> {
            if (event instanceof AgentEvent.TurnFinished finished) {
                stats.add(finished.stats());
            }
        });
        agent.loadDatasets(List.of());
        AgentEvent.Terminal end = agent.ask("Run the benchmark steps one by one.");
        if (!(end instanceof AgentEvent.Answered)) {
            throw new IllegalStateException("the scripted benchmark session did not end with an answer: " + end);
        }
        return stats;
    }

    private static Map<String, Object> summary(List<TurnStats> stats) {
        double[] millis = stats.stream().mapToDouble(s -> s.overheadNanos() / 1e6).sorted().toArray();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("median", round(millis[millis.length / 2]));
        summary.put("p95", round(millis[Math.min(millis.length - 1, (int) Math.ceil(millis.length * 0.95) - 1)]));
        summary.put("max", round(millis[millis.length - 1]));
        summary.put("mean", round(Arrays.stream(millis).average().orElse(0)));
        return summary;
    }

    private static Session start() {
        SessionInfo info = new SessionInfo("scripted", "scripted", "", "", "tags", "", 0, "", List.of());
        return Session.start("perf-agent", Instant.now(), info);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static void delete(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // A leftover temporary folder is harmless.
        }
    }
}
