package studio.codeact.engine.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import studio.codeact.engine.Completion;
import studio.codeact.engine.EngineConfig;
import studio.codeact.engine.EngineEvent;
import studio.codeact.engine.EngineException;
import studio.codeact.engine.EngineInfo;
import studio.codeact.engine.EngineKind;
import studio.codeact.engine.EngineListener;
import studio.codeact.engine.EngineState;
import studio.codeact.engine.ExecutionRequest;
import studio.codeact.engine.ExecutionResult;
import studio.codeact.engine.ExecutionStatus;
import studio.codeact.engine.Inspection;
import studio.codeact.engine.OutputListener;
import studio.codeact.engine.PythonEngine;
import studio.codeact.engine.StdinHandler;
import studio.codeact.engine.TablePage;
import studio.codeact.engine.TableQuery;
import studio.codeact.engine.VariableInfo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A {@link PythonEngine} backed by an {@code ipykernel} process spoken to over the Jupyter
 * messaging protocol (v5.3) through JeroMQ.
 *
 * <p>Threads. Each engine has an event thread ({@code codeact-kernel-events}) that owns the
 * queue of cells, routes every message from the kernel by {@code parent_header.msg_id}, and
 * calls {@link OutputListener}s, {@link EngineListener}s and the {@link StdinHandler}; futures
 * complete there too. Each running kernel has an IO thread ({@code codeact-kernel-io-N}, see
 * {@link SocketLoop}) that owns its sockets and runs no application code. Timers run on
 * {@code codeact-kernel-timer}. {@link #start}, {@link #restart} and {@link #close} block their
 * caller; everything else returns at once.
 *
 * <p>Files: connection files and kernel logs live where {@link KernelFiles} says;
 * {@link #info()} names both for the running kernel.
 */
public final class KernelEngine implements PythonEngine {

    private static final Logger LOG = Logger.getLogger(KernelEngine.class.getName());
    static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(2);

    private final EngineConfig config;
    private final Optional<KernelSpec> spec;
    private final HelperCalls helpers = new HelperCalls();
    private final ExecutorService events;
    private final ScheduledExecutorService timer;
    private final ReentrantLock lifecycle = new ReentrantLock();
    private final List<EngineListener> listeners = new CopyOnWriteArrayList<>();
    private final CellQueue cells;
    private volatile Thread eventThread;
    private volatile StdinHandler stdin = StdinHandler.REFUSE;

    /** An engine for {@code config}; a {@code config.kernelSpec()} is looked up on the standard Jupyter path. */
    public KernelEngine(EngineConfig config) {
        this(config, KernelSpecs.standard());
    }

    /** An engine whose kernelspec, if {@code config} names one, is looked up in {@code specs}. */
    public KernelEngine(EngineConfig config, KernelSpecs specs) {
        this.config = config;
        this.spec = config.kernelSpec().map(name -> specs.find(name).orElseThrow(() -> new EngineException(
                "there is no kernelspec named '" + name + "' in " + specs.kernelDirs() + "; list them with: jupyter kernelspec list")));
        this.events = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "codeact-kernel-events");
            thread.setDaemon(true);
            eventThread = thread;
            return thread;
        });
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "codeact-kernel-timer");
            thread.setDaemon(true);
            return thread;
        });
        this.cells = new CellQueue(this, helpers, timer, config.interruptGrace());
    }

    @Override
    public EngineKind kind() {
        return EngineKind.KERNEL;
    }

    @Override
    public void start() {
        refuseOnEventThread("start()");
        lifecycle.lock();
        try {
            EngineState now = cells.state();
            if (now == EngineState.CLOSED) {
                throw new EngineException("this engine was closed; create a new one");
            }
            if (now != EngineState.NOT_STARTED) {
                return;
            }
            onEvents(() -> cells.setState(EngineState.STARTING));
            RunningKernel kernel = launch();
            onEvents(() -> cells.activate(kernel));
        } finally {
            lifecycle.unlock();
        }
    }

    @Override
    public void restart() {
        restart("restarted on request", "the kernel was restarted", null);
    }

    /**
     * Replaces the kernel with a fresh one (any thread but the event thread). Called by
     * {@link #restart()} and, on its own thread, by the {@link CellQueue} when a timed-out cell
     * did not stop; {@code timedOut} is then finished once the new kernel is ready.
     *
     * @param reason      for the {@link EngineEvent.Restarted} event
     * @param abortReason why the cells that were running or queued end ABORTED
     */
    void restart(String reason, String abortReason, CellRun timedOut) {
        refuseOnEventThread("restart()");
        lifecycle.lock();
        try {
            if (cells.state() == EngineState.CLOSED) {
                if (timedOut != null) {
                    onEvents(() -> cells.finishTimedOut(timedOut, "; the engine was closed"));
                    return;
                }
                throw new EngineException("this engine was closed; create a new one");
            }
            CellQueue.Detached old = onEvents(() -> cells.detach(EngineState.RESTARTING, abortReason));
            // the old kernel shuts down (≈0.4 s for ipykernel) while the new one boots
            CompletableFuture<Void> stopped = old.kernel() == null ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.runAsync(() -> old.kernel().stop(old.busy() || timedOut != null ? Duration.ZERO : SHUTDOWN_GRACE));
            RunningKernel fresh;
            try {
                fresh = launch();
            } catch (EngineException e) {
                if (timedOut != null) {
                    onEvents(() -> cells.finishTimedOut(timedOut, "; the kernel could not be restarted: " + e.getMessage()));
                }
                throw e;
            } finally {
                stopped.join(); // no old kernel outlives restart()
            }
            onEvents(() -> {
                cells.activate(fresh);
                emit(new EngineEvent.Restarted(reason));
                if (timedOut != null) {
                    cells.finishTimedOut(timedOut, ", did not stop within " + CellQueue.seconds(config.interruptGrace())
                            + ", so the kernel was restarted; earlier variables are gone");
                }
            });
        } finally {
            lifecycle.unlock();
        }
    }

    private RunningKernel launch() {
        try {
            return RunningKernel.launch(config, spec, events, timer, cells, READY_TIMEOUT);
        } catch (EngineException e) {
            onEvents(() -> cells.detach(EngineState.DEAD, "the kernel could not start"));
            throw e;
        }
    }

    @Override
    public CompletableFuture<ExecutionResult> execute(ExecutionRequest request, OutputListener listener) {
        CellRun run = new CellRun(request, listener, Map.of(), false);
        submit(run);
        return run.future;
    }

    /** Runs {@code task} on the event thread later; {@code rejected} runs here when the engine is closed. */
    void post(Runnable task, Runnable rejected) {
        try {
            events.execute(task);
        } catch (RejectedExecutionException e) {
            rejected.run();
        }
    }

    void submit(CellRun run) {
        try {
            events.execute(() -> cells.submit(run));
        } catch (RejectedExecutionException e) {
            run.complete(ExecutionStatus.ABORTED, "the engine was shut down");
        }
    }

    @Override
    public void interrupt() {
        cells.interruptRunning();
    }

    @Override
    public EngineState state() {
        return cells.state();
    }

    @Override
    public void addListener(EngineListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(EngineListener listener) {
        listeners.remove(listener);
    }

    /** Tells every engine listener (event thread). */
    void emit(EngineEvent event) {
        for (EngineListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "an engine listener failed", e);
            }
        }
    }

    @Override
    public void setStdinHandler(StdinHandler handler) {
        stdin = handler == null ? StdinHandler.REFUSE : handler;
    }

    StdinHandler stdinHandler() {
        return stdin;
    }

    @Override
    public CompletableFuture<Completion> complete(String code, int cursor) {
        ObjectNode content = Json.mapper().createObjectNode();
        content.put("code", code);
        content.put("cursor_pos", code.codePointCount(0, cursor));
        return cells.request("complete_request", content).thenApply(reply -> {
            JsonNode body = reply.content();
            failOnError(body);
            List<String> matches = new ArrayList<>();
            body.path("matches").forEach(match -> matches.add(match.asText()));
            return new Completion(matches, utf16(code, body.path("cursor_start").asInt(0)), utf16(code, body.path("cursor_end").asInt(0)));
        });
    }

    @Override
    public CompletableFuture<Inspection> inspect(String code, int cursor, int detail) {
        ObjectNode content = Json.mapper().createObjectNode();
        content.put("code", code);
        content.put("cursor_pos", code.codePointCount(0, cursor));
        content.put("detail_level", detail);
        return cells.request("inspect_request", content).thenApply(reply -> {
            failOnError(reply.content());
            return new Inspection(reply.content().path("found").asBoolean(false), Outputs.bundle(reply.content().path("data"), Json.mapper(), true));
        });
    }

    @Override
    public CompletableFuture<List<VariableInfo>> variables() {
        return evaluate(helpers.variablesExpression()).thenApply(helpers::variables);
    }

    @Override
    public CompletableFuture<TablePage> readTable(TableQuery query) {
        return evaluate(helpers.tableExpression(query)).thenApply(helpers::table);
    }

    /** Evaluates a helper expression as a queued silent cell; fails with Python's message when it raised. */
    private CompletableFuture<JsonNode> evaluate(String expression) {
        CellRun run = CellRun.expression(expression);
        submit(run);
        return run.future.thenApply(result -> {
            if (result.status() != ExecutionStatus.OK) {
                throw new EngineException(result.note().isEmpty() ? "the kernel could not run a helper call (" + result.status() + ")" : result.note());
            }
            return helpers.value(run.userExpressionResults().path("value"));
        });
    }

    private static void failOnError(JsonNode content) {
        if ("error".equals(content.path("status").asText())) {
            throw new EngineException(Outputs.error(content).summary());
        }
    }

    /** A code-point offset into {@code text} as a UTF-16 offset (Java's), clamped to the text. */
    private static int utf16(String text, int codePoints) {
        int total = text.codePointCount(0, text.length());
        return text.offsetByCodePoints(0, Math.max(0, Math.min(codePoints, total)));
    }

    /** The connection file of the running kernel (other Jupyter clients can attach with it). */
    public Optional<Path> connectionFile() {
        return Optional.ofNullable(cells.lastKernel()).filter(k -> k.manager.isAlive()).map(k -> k.manager.connectionFile());
    }

    @Override
    public EngineInfo info() {
        RunningKernel kernel = cells.lastKernel();
        String python = spec.map(s -> s.argv().getFirst()).orElse(config.python().toString());
        if (kernel == null) {
            return new EngineInfo(EngineKind.KERNEL, python, "", 0, Map.of("state", state().name()));
        }
        JsonNode info = kernel.kernelInfo();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("connection_file", kernel.manager.connectionFile().toString());
        details.put("pid", Long.toString(kernel.manager.pid()));
        details.put("log_file", kernel.manager.logFile().toString());
        details.put("kernelspec", spec.map(s -> s.name() + " (" + s.resourceDir() + ")").orElse("none: " + python + " -m ipykernel_launcher"));
        details.put("command", String.join(" ", kernel.manager.command()));
        details.put("interrupt_mode", kernel.interruptMode().name().toLowerCase(java.util.Locale.ROOT));
        details.put("implementation", info.path("implementation").asText() + " " + info.path("implementation_version").asText());
        details.put("protocol_version", info.path("protocol_version").asText());
        details.put("memory_limit_bytes", Long.toString(config.memoryLimitBytes()));
        details.put("working_directory", config.workingDirectory().toString());
        details.put("support_setup_ms", String.format(java.util.Locale.ROOT, "%.1f", cells.setupMillis()));
        return new EngineInfo(EngineKind.KERNEL, python, info.path("language_info").path("version").asText(""), kernel.startMillis(), details);
    }

    @Override
    public void close() {
        lifecycle.lock();
        try {
            if (cells.state() == EngineState.CLOSED) {
                return;
            }
            CellQueue.Detached old = onEvents(() -> cells.detach(EngineState.CLOSED, "the engine was shut down"));
            if (old.kernel() != null) {
                old.kernel().stop(old.busy() ? Duration.ZERO : SHUTDOWN_GRACE);
            }
        } finally {
            lifecycle.unlock();
        }
        timer.shutdownNow();
        events.shutdown();
        if (Thread.currentThread() != eventThread) {
            try {
                events.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Runs {@code task} on the event thread and waits for it (runs it right here when already there). */
    private void onEvents(Runnable task) {
        onEvents(() -> {
            task.run();
            return null;
        });
    }

    private <T> T onEvents(Supplier<T> task) {
        if (Thread.currentThread() == eventThread) {
            return task.get();
        }
        try {
            return events.submit(task::get).get();
        } catch (RejectedExecutionException e) {
            throw new EngineException("this engine was closed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while waiting for the engine", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new EngineException(e.getCause().getMessage(), e.getCause());
        }
    }

    /** start() and restart() wait for messages that only the event thread can take in. */
    private void refuseOnEventThread(String method) {
        if (Thread.currentThread() == eventThread) {
            throw new EngineException(method + " waits for the kernel, so it cannot run on the engine's own event thread; "
                    + "call it from another thread, not from a listener");
        }
    }
}
