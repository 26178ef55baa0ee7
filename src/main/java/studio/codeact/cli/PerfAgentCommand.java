package studio.codeact.cli;

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
 * one unreported warm-up session.
 */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = "Measure the agent's own overhead per turn and the characters sent per turn over a scripted session; prints one JSON object.")
public final class PerfAgentCommand implements Callable<Integer> {

    /** Target for the agent's own time per turn. */
    static final double TARGET_OVERHEAD_MS = 5.0;

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

    @Option(names = "--python", paramLabel = "PATH", description = "Python interpreter (default: $CODEACT_PYTHON, then /usr/bin/python3).")
    String python;

    @Override
    public Integer call() throws IOException {
        if (turns < 2) {
            throw new IllegalArgumentException("--turns must be at least 2 (actions, then an answer)");
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
        } finally {
            delete(scratch);
        }
        spec.commandLine().getOut().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(figures));
        return Main.OK;
    }

    private List<TurnStats> session(PythonEngine python, SessionStore store) {
        ScriptedChatModel model = new ScriptedChatModel();
        for (int turn = 1; turn < turns; turn++) {
            model.thenText("Step " + turn + ": printing the next block of rows.\n<execute>\nrows_" + turn + " = [f'row {i:04d} of step "
                    + turn + ": ' + 'x' * 12 for i in range(" + outputLines + ")]\nprint('\\n'.join(rows_" + turn + "))\n</execute>");
        }
        model.thenText("<solution>All " + (turns - 1) + " steps ran.</solution>");
        AgentConfig config = AgentConfig.defaults("scripted", "scripted").withActionMode(ActionMode.TAGS).withMaxTurns(turns)
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
