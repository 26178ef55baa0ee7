package studio.codeact.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import studio.codeact.agent.ActionFormat;
import studio.codeact.agent.ActionMode;
import studio.codeact.bench.BenchException;
import studio.codeact.bench.BenchPython;
import studio.codeact.bench.BenchReport;
import studio.codeact.bench.BenchRunner;
import studio.codeact.bench.BenchTask;
import studio.codeact.bench.BundledFiles;
import studio.codeact.bench.CodeEpisode;
import studio.codeact.bench.Episode;
import studio.codeact.bench.M3ToolEvalEpisode;
import studio.codeact.bench.ModelUnderTest;
import studio.codeact.bench.ResultsFile;
import studio.codeact.bench.RunKey;
import studio.codeact.bench.Summary;
import studio.codeact.bench.SummaryRow;
import studio.codeact.bench.TaskResult;
import studio.codeact.bench.SuiteCheck;
import studio.codeact.bench.TaskCheck;
import studio.codeact.bench.TaskClass;
import studio.codeact.bench.TaskSuite;
import studio.codeact.bench.ToolCallEpisode;
import studio.codeact.engine.EngineKind;
import studio.codeact.engine.Engines;
import studio.codeact.engine.PythonEngine;
import studio.codeact.llm.ChatModels;
import studio.codeact.llm.LlmException;
import studio.codeact.llm.ProviderConfig;
import studio.codeact.llm.settings.ModelSettingsLoader;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code codeact bench}: the CodeAct experiment. The same tasks and tools in three action modes
 * (code, json, text), for every model given, scored by success rate and turns.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compare code, JSON and text actions on a task suite: the experiment of the CodeAct paper, on the built-in "
                + "suite (Larkspur Outfitters, a fictional retailer) or yours, e.g. the paper's own M3ToolEval through its adapter.",
                "Per-task results go to OUT/results.jsonl as they finish; OUT/summary.md, summary.json and summary.png "
                        + "hold success rate and average turns per model and mode. Run again with the same --out to resume.",
                "Exit codes: 0 done, 1 runs lost to model-server or engine errors (run again to resume) or --check-suite failures, "
                        + "2 bad usage or input."})
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--suite", paramLabel = "DIR", description = "Task suite folder (default: the built-in suite).")
    Path suite;

    @Option(names = "--mode", paramLabel = "MODES", defaultValue = "code,json,text",
            description = "Action modes to compare, comma-separated (default: ${DEFAULT-VALUE}).")
    String modes;

    @Option(names = "--provider", paramLabel = "NAME", description = "openai (any OpenAI-compatible server) or anthropic.")
    String provider;

    @Option(names = "--base-url", paramLabel = "URL", description = "The model server's base URL.")
    String baseUrl;

    @Option(names = "--api-key-env", paramLabel = "VAR", description = "Environment variable holding the API key.")
    String apiKeyEnv;

    @Option(names = "--model", paramLabel = "NAME", description = "A model to run; repeat for several (default: the configured one).")
    List<String> models = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "SEC",
            description = "Longest wait for the model: to connect, for the first token, and between tokens (default: the settings file's limits, else 10/120/60 s).")
    Double timeout;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "1",
            description = "Tasks run at once, each in its own kernel engine (default: ${DEFAULT-VALUE}).")
    int jobs;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "bench-results",
            description = "Output folder; an earlier run's results there are resumed (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--list", description = "Print one task id (and its title, when it has one) per line (the tasks --task and --class choose), then stop.")
    boolean list;

    @Option(names = "--check-suite", description = "Run every task's reference solution through its checker (no model); fail if any does not pass.")
    boolean checkSuite;

    @Option(names = "--engine", paramLabel = "KIND",
            description = "embedded, kernel or remote (default: embedded for one job, kernel for several; the embedded engine runs one task "
                    + "at a time; remote runs --jobs N kernels on the Jupyter server).")
    String engine;

    @picocli.CommandLine.Mixin
    JupyterOptions jupyter = new JupyterOptions();

    @Option(names = "--python", paramLabel = "PATH", description = "Python interpreter (default: $CODEACT_PYTHON, then /usr/bin/python3).")
    String python;

    @Option(names = "--task", paramLabel = "ID", split = ",", description = "Run only these tasks (repeatable or comma-separated).")
    List<String> taskIds = new ArrayList<>();

    @Option(names = "--class", paramLabel = "CLASS", description = "Run only multi-tool or only atomic tasks.")
    String taskClass;

    @Option(names = "--temperature", paramLabel = "T", defaultValue = "0", description = "Sampling temperature (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--max-tokens", paramLabel = "N", description = "Most tokens per reply (default: the provider's).")
    Integer maxTokens;

    @Option(names = "--cell-timeout", paramLabel = "SEC", defaultValue = "120",
            description = "Code mode: seconds a code action may run before it is interrupted (default: ${DEFAULT-VALUE}).")
    int cellTimeout;

    @Option(names = "--code-actions", paramLabel = "HOW", defaultValue = "tags",
            description = "Code mode: how the model writes code: tags (<execute> or ```python, prompt-based like the json and "
                    + "text modes, as in the paper), tools (native function calling) or auto (default: ${DEFAULT-VALUE}).")
    String codeActions;

    @Option(names = "--protocol", paramLabel = "NAME", defaultValue = "codeact",
            description = "How the model is asked and answered: codeact (our own: the CodeAct agent in code mode, one tool call "
                    + "per reply in json/text, <solution> answers) or m3tooleval (the paper's prompts, Action:/Answer: formats, "
                    + "\"your answer is incorrect\" feedback and its 10-reply limit; replies of at most 512 tokens unless "
                    + "--max-tokens) (default: ${DEFAULT-VALUE}).")
    String protocol;

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    SandboxOptions sandboxOptions = new SandboxOptions();

    /** A new engine of a kind, working in OUT/work so that files made by code-mode models stay out of the way. */
    private PythonEngine newEngine(EngineKind kind) {
        return Engines.create(kind, jupyter.engineConfig(kind, python, null).withWorkingDirectory(workFolder())
                .withSandbox(sandboxOptions.config(apiKeyEnv, null, List.of(), null)));
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (list && checkSuite) {
            throw new IllegalArgumentException("--list and --check-suite do not go together");
        }
        if (jobs < 1) {
            throw new IllegalArgumentException("--jobs must be at least 1");
        }
        List<ActionFormat> chosenModes = list || checkSuite ? List.of() : ActionFormat.parseList(modes);
        boolean paperProtocol = paperProtocol();
        ActionMode.parse(codeActions);
        if (cellTimeout < 1) {
            throw new IllegalArgumentException("--cell-timeout must be at least 1 second");
        }
        Path suiteFolder = suiteFolder();
        List<ModelUnderTest> chosenModels = list || checkSuite ? List.of() : models();
        EngineKind kind = engineKind(err);
        List<PythonEngine> started = new CopyOnWriteArrayList<>();
        Thread onInterrupt = Thread.ofPlatform().name("codeact-bench-interrupted").unstarted(() -> {
            if (!list && !checkSuite) {
                err.println("codeact: interrupted; finished runs are kept in " + out() + ": run the same command again to resume");
                err.flush();
            }
            closeAll(started);
        });
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            BenchPython first = start(kind, started);
            TaskSuite tasks = loadSuite(first, suiteFolder);
            if (list) {
                chosenTasks(tasks).forEach(task -> out.println(task.title().equals(task.id()) ? task.id() : task.id() + "\t" + task.title()));
                out.flush();
                return Main.OK;
            }
            if (checkSuite) {
                List<TaskCheck> checks = SuiteCheck.run(first, tasks, out);
                return checks.stream().allMatch(TaskCheck::ok) ? Main.OK : Main.FAILED;
            }
            List<BenchTask> chosen = chosenTasks(tasks);
            List<BenchPython> workers = new ArrayList<>(List.of(first));
            workers.addAll(startMore(kind, jobs - 1, started));
            String protocolName = paperProtocol ? M3ToolEvalEpisode.NAME : Summary.CODEACT_PROTOCOL;
            BenchRunner runner = new BenchRunner(tasks, chosen, chosenModels, chosenModes, episodes(chosenModes, paperProtocol), out(),
                    err, protocolName);
            err.printf("bench: %d task%s × %d mode%s × %d model%s = %d runs on %d %s engine%s, protocol %s; results in %s%n",
                    chosen.size(), plural(chosen.size()), chosenModes.size(), plural(chosenModes.size()),
                    chosenModels.size(), plural(chosenModels.size()), runner.plan().size(), workers.size(), kind.id(),
                    plural(workers.size()), protocolName, out().toAbsolutePath());
            err.flush();
            BenchReport report = runner.run(workers);
            out.print(report.summary().markdown(BenchRunner.title(tasks.name(), protocolName)));
            out.println();
            out.println("results: " + report.results().toAbsolutePath());
            out.println("summary: " + report.markdown().toAbsolutePath());
            report.chart().ifPresentOrElse(png -> out.println("chart:   " + png.toAbsolutePath()),
                    () -> out.println("chart:   not drawn: " + report.chartError()));
            out.flush();
            return lostRuns(report, err);
        } catch (LlmException e) {
            err.println("codeact: " + CliHints.forCli(e.getMessage()));
            err.println("codeact: finished runs are kept in " + out().toAbsolutePath() + "; run the same command again to resume");
            return Main.FAILED;
        } finally {
            closeAll(started);
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to: it closes what is left
            }
        }
    }

    /**
     * Exit 1 when runs were lost to the model server or the engine in this invocation: the figures are
     * incomplete, and a script must not take them for a result. Says what failed and how to resume.
     */
    private int lostRuns(BenchReport report, PrintWriter err) {
        java.util.Map<RunKey, TaskResult> latest = ResultsFile.latest(new ResultsFile(report.results()).read());
        long errors = report.summary().rows(Summary.ALL).stream().mapToInt(SummaryRow::errors).sum();
        if (errors == 0) {
            return Main.OK;
        }
        String example = latest.values().stream().filter(result -> result.outcome().retryOnResume()).map(TaskResult::error)
                .filter(java.util.Objects::nonNull).reduce((a, b) -> b).orElse("");
        err.println("codeact: " + errors + " run" + plural((int) errors) + " ended in a model-server or engine error"
                + (example.isEmpty() ? "" : ", e.g. " + CliHints.forCli(example)));
        err.println("codeact: check the server with --base-url, --model and --api-key-env (or `codeact ask`), then run the same "
                + "command again to retry those runs; finished ones are kept in " + out());
        err.flush();
        return Main.FAILED;
    }

    private boolean paperProtocol() {
        return switch (protocol.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "codeact" -> false;
            case "m3tooleval" -> true;
            default -> throw new IllegalArgumentException("unknown --protocol '" + protocol.strip() + "'; use codeact or m3tooleval");
        };
    }

    private Path out() {
        return out.toAbsolutePath();
    }

    private Path workFolder() {
        if (list || checkSuite) {
            return Path.of("").toAbsolutePath();
        }
        try {
            return Files.createDirectories(out().resolve("work"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("could not create " + out().resolve("work"), e);
        }
    }

    private Path suiteFolder() {
        if (suite == null) {
            return BundledFiles.builtinSuite();
        }
        if (!Files.isDirectory(suite)) {
            throw new IllegalArgumentException("no suite folder at " + suite.toAbsolutePath());
        }
        return suite.toAbsolutePath();
    }

    private EngineKind engineKind(PrintWriter err) {
        EngineKind kind = engine != null ? EngineKind.parse(engine) : jobs > 1 ? EngineKind.KERNEL : EngineKind.EMBEDDED;
        if (kind == EngineKind.EMBEDDED && jobs > 1) {
            err.println("bench: the embedded engine is one interpreter per process and runs one task at a time; "
                    + "using --jobs 1 (use --engine kernel to run tasks in parallel)");
            jobs = 1;
        }
        return kind;
    }

    private BenchPython start(EngineKind kind, List<PythonEngine> started) {
        PythonEngine engine = newEngine(kind);
        started.add(engine);
        engine.start();
        BenchPython python = new BenchPython(engine);
        python.install();
        return python;
    }

    /** Starts the other engines of the pool side by side (a kernel takes about a second to start). */
    private List<BenchPython> startMore(EngineKind kind, int count, List<PythonEngine> started) {
        List<CompletableFuture<BenchPython>> starting = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            PythonEngine engine = newEngine(kind);
            started.add(engine);
            starting.add(CompletableFuture.supplyAsync(() -> {
                engine.start();
                return new BenchPython(engine);
            }));
        }
        return starting.stream().map(CompletableFuture::join).toList();
    }

    private static TaskSuite loadSuite(BenchPython python, Path folder) {
        try {
            return python.load(folder);
        } catch (BenchException e) {
            throw new IllegalArgumentException("the suite in " + folder + " cannot be used: " + e.getMessage(), e);
        }
    }

    private List<BenchTask> chosenTasks(TaskSuite tasks) {
        TaskClass only = taskClass == null ? null : TaskClass.parse(taskClass.strip());
        List<BenchTask> chosen = new ArrayList<>();
        for (String id : taskIds) {
            chosen.add(tasks.task(id.strip()).orElseThrow(() -> new IllegalArgumentException(
                    "the suite has no task '" + id.strip() + "'; see codeact bench --list")));
        }
        if (chosen.isEmpty()) {
            chosen.addAll(tasks.tasks());
        }
        chosen.removeIf(task -> only != null && task.taskClass() != only);
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("no task of the suite matches --task and --class");
        }
        return chosen;
    }

    private List<ModelUnderTest> models() {
        ModelSettingsLoader loader = ModelSettingsLoader.standard();
        List<String> names = new ArrayList<>(new LinkedHashSet<>(models));
        if (names.isEmpty()) {
            names.add(null);
        }
        List<ModelUnderTest> chosen = new ArrayList<>();
        for (String name : names) {
            ProviderConfig config = ModelTimeout.apply(loader.resolve(new ModelSettingsLoader.Flags(provider, baseUrl, null, apiKeyEnv, name)), timeout);
            requireKeyForCloud(config);
            Integer replyTokens = maxTokens == null && paperProtocol() ? Integer.valueOf(M3ToolEvalEpisode.MAX_TOKENS) : maxTokens;
            chosen.add(new ModelUnderTest(config.model(), config.model(), ChatModels.create(config), temperature, replyTokens));
        }
        return chosen;
    }

    /** A provider's own cloud endpoint needs a key; a local server (another base URL) may not. */
    private void requireKeyForCloud(ProviderConfig config) {
        boolean cloud = config.baseUrl().replaceAll("/+$", "").equals(config.provider().defaultBaseUrl().replaceAll("/+$", ""));
        if (cloud && !config.hasApiKey()) {
            String variable = apiKeyEnv != null ? apiKeyEnv : config.provider().apiKeyVariable();
            throw new IllegalArgumentException("no API key for " + config.baseUrl() + ": set " + variable
                    + " (or --api-key-env VAR); for a local model server use --base-url, e.g. --base-url http://localhost:11434/v1");
        }
    }

    private Map<ActionFormat, Episode> episodes(List<ActionFormat> chosen, boolean paperProtocol) {
        Map<ActionFormat, Episode> episodes = new LinkedHashMap<>();
        for (ActionFormat mode : chosen) {
            episodes.put(mode, paperProtocol ? new M3ToolEvalEpisode(mode, Duration.ofSeconds(cellTimeout)) : mode == ActionFormat.CODE
                    ? new CodeEpisode(Duration.ofSeconds(cellTimeout), ActionMode.parse(codeActions))
                    : new ToolCallEpisode(mode));
        }
        return episodes;
    }

    private static void closeAll(List<PythonEngine> engines) {
        for (PythonEngine engine : engines) {
            try {
                engine.close();
            } catch (RuntimeException ignored) {
                // closing is best effort; the process ends next
            }
        }
    }

    private static String plural(int count) {
        return count == 1 ? "" : "s";
    }
}
