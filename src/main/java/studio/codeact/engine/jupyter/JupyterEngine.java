package studio.codeact.engine.jupyter;

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
import studio.codeact.engine.support.Durations;
import studio.codeact.engine.support.Listeners;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A {@link PythonEngine} that speaks the Jupyter messaging protocol (v5.3) to a kernel, over
 * whatever {@link KernelTransport} its {@link KernelLauncher} opens: the kernel engine's ZeroMQ
 * sockets to a local {@code ipykernel}, or a Jupyter Server's WebSocket. The launcher starts,
 * interrupts and stops kernels; everything else (the cell queue, routing by
 * {@code parent_header.msg_id}, stdin, completion, the engine's helper calls, timeouts,
 * interrupt-then-restart, deaths) is here.
 *
 * <p>Threads. Each engine has an event thread ({@code codeact-<kind>-events}) that owns the
 * queue of cells, routes every message from the kernel, and calls {@link OutputListener}s,
 * {@link EngineListener}s and the {@link StdinHandler}; futures complete there too. The
 * transport's reader thread only hands messages over (see {@link KernelEvents}). Timers run on
 * {@code codeact-<kind>-timer}. {@link #start}, {@link #restart} and {@link #close} block their
 * caller; everything else returns at once.
 *
 * <p>Subclasses only choose the launcher (and may add accessors); every engine method is final.
 */
public class JupyterEngine implements PythonEngine {

    private static final System.Logger LOG = System.getLogger(JupyterEngine.class.getName());
    /** How long a fresh kernel may take to answer {@code kernel_info} (a cold ipykernel on a busy machine: seconds). */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    /** How long an idle kernel may take to exit after a {@code shutdown_request} (ipykernel: ≈0.4 s) before it is killed. */
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(2);
    /** How long {@link #close()} waits for the event thread to finish what it was doing. */
    private static final Duration EVENT_THREAD_DRAIN = Duration.ofSeconds(5);

    private final EngineKind kind;
    private final EngineConfig config;
    private final KernelLauncher launcher;
    private final MessageFactory messages = MessageFactory.forCurrentUser();
    private final ExecutorService events;
    private final ScheduledExecutorService timer;
    private final ReentrantLock lifecycle = new ReentrantLock();
    private final Listeners<EngineListener> listeners = new Listeners<>("an engine listener");
    private final CellQueue cells;
    private final KernelQueries queries;
    private volatile Thread eventThread;
    private volatile StdinHandler stdin = StdinHandler.REFUSE;

    /**
     * An engine of {@code kind} whose kernels {@code launcher} starts.
     *
     * @param config the engine's settings; the core uses {@code interruptGrace()} and {@code python()}
     */
    public JupyterEngine(EngineKind kind, EngineConfig config, KernelLauncher launcher) {
        this.kind = kind;
        this.config = config;
        this.launcher = launcher;
        String prefix = "codeact-" + kind.id();
        this.events = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, prefix + "-events");
            thread.setDaemon(true);
            eventThread = thread;
            return thread;
        });
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, prefix + "-timer");
            thread.setDaemon(true);
            return thread;
        });
        this.cells = new CellQueue(this, new HelperCalls(), timer, config.interruptGrace());
        this.queries = new KernelQueries(cells, this::submit);
    }

    @Override
    public final EngineKind kind() {
        return kind;
    }

    @Override
    public final void start() {
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
            StartedKernel kernel = launch();
            onEvents(() -> cells.activate(kernel));
        } finally {
            lifecycle.unlock();
        }
    }

    @Override
    public final void restart() {
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
                    JupyterEngine::blockingTask);
            StartedKernel fresh;
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
                    cells.finishTimedOut(timedOut, ", did not stop within " + Durations.text(config.interruptGrace())
                            + ", so the kernel was restarted; earlier variables are gone");
                }
            });
        } finally {
            lifecycle.unlock();
        }
    }

    private StartedKernel launch() {
        try {
            return StartedKernel.launch(launcher, messages, events, timer, cells, READY_TIMEOUT);
        } catch (EngineException e) {
            onEvents(() -> cells.detach(EngineState.DEAD, "the kernel could not start"));
            throw e;
        }
    }

    @Override
    public final CompletableFuture<ExecutionResult> execute(ExecutionRequest request, OutputListener listener) {
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
    public final void interrupt() {
        cells.interruptRunning();
    }

    @Override
    public final EngineState state() {
        return cells.state();
    }

    @Override
    public final void addListener(EngineListener listener) {
        listeners.add(listener);
    }

    @Override
    public final void removeListener(EngineListener listener) {
        listeners.remove(listener);
    }

    /** Tells every engine listener (event thread). */
    void emit(EngineEvent event) {
        listeners.forEach(listener -> listener.onEvent(event));
    }

    @Override
    public final void setStdinHandler(StdinHandler handler) {
        stdin = handler == null ? StdinHandler.REFUSE : handler;
    }

    StdinHandler stdinHandler() {
        return stdin;
    }

    @Override
    public final CompletableFuture<Completion> complete(String code, int cursor) {
        return queries.complete(code, cursor);
    }

    @Override
    public final CompletableFuture<Inspection> inspect(String code, int cursor, int detail) {
        return queries.inspect(code, cursor, detail);
    }

    @Override
    public final CompletableFuture<List<VariableInfo>> variables() {
        return queries.variables();
    }

    @Override
    public final CompletableFuture<TablePage> readTable(TableQuery query) {
        return queries.readTable(query);
    }

    /** The kernel launched last, while it runs (for what only its launcher knows, such as a connection file). */
    protected final Optional<LaunchedKernel> runningKernel() {
        return Optional.ofNullable(cells.lastKernel()).map(StartedKernel::launched).filter(LaunchedKernel::isAlive);
    }

    @Override
    public final EngineInfo info() {
        StartedKernel kernel = cells.lastKernel();
        if (kernel == null) {
            return new EngineInfo(kind, launcher.python(), "", 0, Map.of("state", state().name()));
        }
        Map<String, String> details = kernel.details();
        details.put("support_setup_ms", String.format(Locale.ROOT, "%.1f", cells.setupMillis()));
        return new EngineInfo(kind, launcher.python(), kernel.kernelInfo().path("language_info").path("version").asText(""),
                kernel.startMillis(), details);
    }

    /**
     * Stops the kernel (see {@link LaunchedKernel#stop}: up to {@link #SHUTDOWN_GRACE} to shut
     * down by itself, then forced) and ends the engine's threads. Called from a listener (the event
     * thread) it cannot wait for that thread, so it hands the work to a thread of its own and returns.
     */
    @Override
    public final void close() {
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
            if (!events.awaitTermination(EVENT_THREAD_DRAIN.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "the engine's event thread did not finish within " + Durations.text(EVENT_THREAD_DRAIN));
            }
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
        Thread thread = new Thread(chore, "codeact-kernel-chore");
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
