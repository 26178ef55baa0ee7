package studio.codeact.bench;

import studio.codeact.agent.ActionFormat;

import studio.codeact.llm.LlmException;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs tasks × modes × models over a pool of engines, one worker thread per engine, and writes
 * the per-task results as they finish (and each run's conversation under {@code transcripts/}),
 * then the summary (Markdown, JSON, and a PNG chart drawn by matplotlib in the first engine).
 *
 * <p>Resuming: runs whose result is already in {@code results.jsonl} are not run again, unless that
 * result was a model-server or engine failure.
 */
public final class BenchRunner {

    private static final System.Logger LOG = System.getLogger(BenchRunner.class.getName());

    private final TaskSuite suite;
    private final List<BenchTask> tasks;
    private final List<ModelUnderTest> models;
    private final List<ActionFormat> modes;
    private final Map<ActionFormat, Episode> episodes;
    private final Path out;
    private final PrintWriter progressOut;
    private final String protocol;

    /**
     * @param tasks    the tasks to run (all or some of the suite's)
     * @param episodes how each mode runs a task
     * @param out      the output folder (created if needed); an earlier run's results there are resumed
     */
    public BenchRunner(TaskSuite suite, List<BenchTask> tasks, List<ModelUnderTest> models, List<ActionFormat> modes,
                       Map<ActionFormat, Episode> episodes, Path out, PrintWriter progressOut) {
        this(suite, tasks, models, modes, episodes, out, progressOut, Summary.CODEACT_PROTOCOL);
    }

    /**
     * @param protocol the interaction the episodes follow ({@code codeact} or {@code m3tooleval}); an output
     *                 folder holds the runs of one protocol only, and the summary names it
     */
    public BenchRunner(TaskSuite suite, List<BenchTask> tasks, List<ModelUnderTest> models, List<ActionFormat> modes,
                       Map<ActionFormat, Episode> episodes, Path out, PrintWriter progressOut, String protocol) {
        this.protocol = protocol;
        this.suite = suite;
        this.tasks = List.copyOf(tasks);
        this.models = List.copyOf(models);
        this.modes = List.copyOf(modes);
        this.episodes = Map.copyOf(episodes);
        this.out = out;
        this.progressOut = progressOut;
        for (ActionFormat mode : modes) {
            if (!episodes.containsKey(mode)) {
                throw new IllegalArgumentException("no episode for mode " + mode.id());
            }
        }
    }

    /** Every run of the plan: for each task, each model, each mode. */
    public List<RunKey> plan() {
        List<RunKey> plan = new ArrayList<>();
        for (BenchTask task : tasks) {
            for (ModelUnderTest model : models) {
                for (ActionFormat mode : modes) {
                    plan.add(new RunKey(task.id(), mode, model.label()));
                }
            }
        }
        return plan;
    }

    /**
     * Runs what is not done yet on {@code workers} (one engine each, harness installed by this call)
     * and writes the summary.
     *
     * @throws LlmException for a failure every run would share (rejected API key, unknown model);
     *                      results so far are kept
     */
    public BenchReport run(List<BenchPython> workers) {
        if (workers.isEmpty()) {
            throw new IllegalArgumentException("the benchmark needs at least one engine");
        }
        claimOutputFolder();
        Path lockPath = out.resolve("run.lock");
        try (FileChannel lockFile = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = exclusive(lockFile)) {
            try {
                return runLocked(workers);
            } finally {
                Files.deleteIfExists(lockPath); // still held: no other run can take it between the delete and the release
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not lock the output folder " + out, e);
        }
    }

    private FileLock exclusive(FileChannel lockFile) throws IOException {
        FileLock lock;
        try {
            lock = lockFile.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new IllegalArgumentException("another codeact bench is writing to " + out + "; wait for it to end or choose another --out");
        }
        return lock;
    }

    private BenchReport runLocked(List<BenchPython> workers) {
        ResultsFile results = new ResultsFile(out.resolve(ResultsFile.NAME));
        List<RunKey> plan = plan();
        Set<RunKey> planned = Set.copyOf(plan);
        Map<RunKey, TaskResult> earlier = ResultsFile.latest(results.read());
        if (results.skippedLines() > 0) {
            progressOut.println("bench: skipped " + results.skippedLines() + " unreadable line(s) of " + results.path()
                    + " (a run interrupted mid-write); those runs are done again");
        }
        ConcurrentLinkedQueue<RunKey> pending = new ConcurrentLinkedQueue<>();
        int resumed = 0;
        int resumedSolved = 0;
        for (RunKey key : plan) {
            TaskResult done = earlier.get(key);
            if (done != null && !done.outcome().retryOnResume()) {
                resumed++;
                resumedSolved += done.success() ? 1 : 0;
            } else {
                pending.add(key);
            }
        }
        if (resumed > 0) {
            progressOut.printf("bench: resuming: %d of %d runs already done in %s%n", resumed, plan.size(), results.path());
        }
        int toRun = pending.size();
        Progress progress = new Progress(progressOut, plan.size(), resumed, resumedSolved);
        AtomicReference<RuntimeException> fatal = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < Math.min(workers.size(), Math.max(1, toRun)); i++) {
            BenchPython python = workers.get(i);
            threads.add(Thread.ofPlatform().name("codeact-bench-" + (i + 1)).start(
                    () -> work(python, pending, results, progress, fatal)));
        }
        join(threads);
        if (fatal.get() != null) {
            throw fatal.get();
        }
        List<TaskResult> finished = ResultsFile.latest(results.read()).entrySet().stream()
                .filter(entry -> planned.contains(entry.getKey())).map(Map.Entry::getValue).toList();
        Summary summary = Summary.of(finished, models.stream().map(ModelUnderTest::label).toList(), modes, plan.size(), protocol);
        return write(summary, resumed, toRun, results, workers.getFirst());
    }

    /**
     * Marks the output folder with the suite's name ({@code run.json}), and refuses a folder that holds
     * another suite's results: their task ids would be taken for this suite's.
     */
    private void claimOutputFolder() {
        Path manifest = out.resolve("run.json");
        try {
            Files.createDirectories(out);
            if (Files.exists(manifest)) {
                var earlierRun = BenchPython.JSON.readTree(Files.readString(manifest));
                String earlier = earlierRun.path("suite").asText();
                if (!earlier.equals(suite.name())) {
                    throw new IllegalArgumentException(out + " holds results of the suite '" + earlier + "', not '"
                            + suite.name() + "'; choose another --out");
                }
                String earlierProtocol = earlierRun.path("protocol").asText(Summary.CODEACT_PROTOCOL);
                if (!earlierProtocol.equals(protocol)) {
                    throw new IllegalArgumentException(out + " holds results of --protocol " + earlierProtocol + ", not "
                            + protocol + "; choose another --out");
                }
                return;
            }
            Map<String, Object> json = new java.util.LinkedHashMap<>();
            json.put("suite", suite.name());
            json.put("suite_folder", suite.folder().toString());
            json.put("protocol", protocol);
            Files.writeString(manifest, BenchPython.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not use the output folder " + out, e);
        }
    }

    private void work(BenchPython python, ConcurrentLinkedQueue<RunKey> pending, ResultsFile results, Progress progress,
                      AtomicReference<RuntimeException> fatal) {
        Transcripts transcripts = new Transcripts(out);
        try {
            python.install();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "an engine of the pool could not load the harness", e);
            progressOut.println("bench: an engine could not load the harness and was left out: " + e.getMessage());
            return;
        }
        RunKey next;
        while (fatal.get() == null && (next = pending.poll()) != null) {
            RunKey key = next;
            BenchTask task = suite.task(key.task()).orElseThrow();
            ModelUnderTest model = models.stream().filter(m -> m.label().equals(key.model())).findFirst().orElseThrow();
            TaskResult result;
            try {
                EpisodeResult episode = episodes.get(key.mode()).run(suite, task, model, python);
                result = episode.result();
                transcripts.write(episode);
            } catch (LlmException fatalError) {
                fatal.compareAndSet(null, fatalError);
                return;
            } catch (BenchException | UncheckedIOException e) {
                result = engineFailure(task, key, e);
                if (!recover(python)) {
                    results.append(result);
                    progress.finished(result);
                    return;
                }
            }
            results.append(result);
            progress.finished(result);
        }
    }

    private static TaskResult engineFailure(BenchTask task, RunKey key, RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "engine failure in " + key, e);
        return new TaskResult(task.id(), task.taskClass(), key.mode(), key.model(), Outcome.ENGINE_ERROR, 0, 0, -1, -1, 0,
                null, "engine: " + e.getMessage());
    }

    /** Restarts the worker's engine after a failure; false when it cannot be used any more. */
    private boolean recover(BenchPython python) {
        try {
            python.engine().restart();
            python.install();
            return true;
        } catch (RuntimeException e) {
            progressOut.println("bench: an engine failed and could not be restarted; its worker stops: " + e.getMessage());
            return false;
        }
    }

    private BenchReport write(Summary summary, int resumed, int ran, ResultsFile results, BenchPython charting) {
        try {
            Files.createDirectories(out);
            String title = title(suite.name(), protocol);
            Path markdown = Files.writeString(out.resolve("summary.md"), summary.markdown(title), StandardCharsets.UTF_8);
            Files.writeString(out.resolve("summary.json"), summary.json(), StandardCharsets.UTF_8);
            Path png = out.resolve("summary.png");
            if (summary.rows().isEmpty()) {
                return new BenchReport(summary, resumed, ran, results.path(), markdown, Optional.empty(), "no finished runs to draw");
            }
            try {
                charting.chart(summary.chartRows(), png, title);
                return new BenchReport(summary, resumed, ran, results.path(), markdown, Optional.of(png), "");
            } catch (BenchException e) {
                return new BenchReport(summary, resumed, ran, results.path(), markdown, Optional.empty(), e.getMessage());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the summary into " + out, e);
        }
    }

    /** The summary's title: the suite, and the protocol when it is not our own. */
    public static String title(String suiteName, String protocol) {
        return "CodeAct bench: suite " + suiteName + (protocol.equals(Summary.CODEACT_PROTOCOL) ? "" : ", protocol " + protocol);
    }

    private static void join(List<Thread> threads) {
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchException("interrupted while the benchmark ran; finished runs are in the results file", e);
            }
        }
    }
}
