package studio.codeact.engine.kernel;

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
import java.util.List;
import java.util.Locale;
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
    private final ExecutorService events;
    private final ScheduledExecutorService timer;
    private final ReentrantLock lifecycle = new ReentrantLock();
    private final List<EngineListener> listeners = new CopyOnWriteArrayList<>();
    private final CellQueue cells;
    private final KernelQueries queries;
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
        this.cells = new CellQueue(this, new HelperCalls(), timer, config.interruptGrace());
        this.queries = new KernelQueries(cells, this::submit);
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
                    : CompletableFuture.runAsync(() -> old.kernel().stop(old.busy() || timedOut != null ? Duration.ZERO : SHUTDOWN_GRACE),
                    KernelEngine::blockingTask);
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
        return queries.complete(code, cursor);
    }

    @Override
    public CompletableFuture<Inspection> inspect(String code, int cursor, int detail) {
        return queries.inspect(code, cursor, detail);
    }

    @Override
    public CompletableFuture<List<VariableInfo>> variables() {
        return queries.variables();
    }

    @Override
    public CompletableFuture<TablePage> readTable(TableQuery query) {
        return queries.readTable(query);
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
        Map<String, String> details = kernel.details(config);
        details.put("support_setup_ms", String.format(Locale.ROOT, "%.1f", cells.setupMillis()));
        return new EngineInfo(EngineKind.KERNEL, python, kernel.kernelInfo().path("language_info").path("version").asText(""), kernel.startMillis(), details);
    }

    /**
     * Stops the kernel (a {@code shutdown_request}, up to 2 s, then SIGKILL to its process tree),
     * removes its connection file and ends the engine's threads. Called from a listener (the event
     * thread) it cannot wait for that thread, so it hands the work to a thread of its own and returns.
     */
    @Override
    public void close() {
        if (Thread.currentThread() == eventThread) {
            blockingTask(this::close);
            return;
        }
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
        try {
            events.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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

    /**
     * Runs a short blocking chore (stopping or killing a kernel) on a thread of its own, not on
     * the common pool, which has a single thread on a two-core machine.
     */
    static void blockingTask(Runnable chore) {
        Thread thread = new Thread(chore, "codeact-kernel-stop");
        thread.setDaemon(true);
        thread.start();
    }

    /** start() and restart() wait for messages that only the event thread can take in. */
    private void refuseOnEventThread(String method) {
        if (Thread.currentThread() == eventThread) {
            throw new EngineException(method + " waits for the kernel, so it cannot run on the engine's own event thread; "
                    + "call it from another thread, not from a listener");
        }
    }
}
