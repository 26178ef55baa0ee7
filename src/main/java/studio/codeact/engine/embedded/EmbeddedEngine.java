package studio.codeact.engine.embedded;

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
import studio.codeact.engine.PythonLocator;
import studio.codeact.engine.StdinHandler;
import studio.codeact.engine.TablePage;
import studio.codeact.engine.TableQuery;
import studio.codeact.engine.VariableInfo;
import studio.codeact.engine.sandbox.ProcessSweeper;
import studio.codeact.engine.support.Listeners;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The default engine: CPython inside the application's own process, called through Java's FFM
 * API, hosting IPython's {@code InteractiveShell} so outputs match a notebook's.
 *
 * <p>One interpreter per process ({@link EmbeddedInterpreter}), owned by one thread that runs the
 * work of every embedded engine in turn. Each engine gets its own IPython shell in it: its own
 * namespace, history, execution count and working folder. Modules ({@code sys.modules}) and
 * process state (environment, signal handlers) are shared, as are CPU and memory; an engine that
 * needs a separate process is the kernel engine's job ({@code --engine kernel}).
 *
 * <p>{@link #restart()} gives the engine a fresh shell (new namespace, count from 1, figures
 * closed, helpers reloaded) in the same interpreter: imported modules stay loaded. Restarting the
 * whole Python process is what the kernel engine does.
 *
 * <p>Memory: a cell that grows the process past the ceiling ({@link EngineConfig#memoryLimitBytes()},
 * by default {@value #DEFAULT_MEMORY_SHARE} of physical memory) above its idle footprint (the
 * resident memory once started, with the analysis libraries imported when the ceiling is the
 * user's) is stopped with {@code MemoryError}
 * ({@link MemoryWatch}). Exit calls in cells are refused ({@code codeact_guard.py}).
 *
 * <p>Threads: listeners and the stdin handler are called on the engine's event thread
 * ({@value EventThread#NAME}), in order. Stages added to the futures this engine returns run on
 * that thread too ({@link EventFuture}), never on the caller's or the interpreter's thread; a cell
 * without a listener is completed by the interpreter's thread itself, which only wakes the waiter.
 */
public final class EmbeddedEngine implements PythonEngine {

    /** Share of physical memory the process may use before a cell is stopped, unless configured. */
    static final double DEFAULT_MEMORY_SHARE = 0.55;

    /** The least time {@link #restart()} waits for a running cell to stop before it gives up (a cell in a long native call). */
    static final Duration STOP_WAIT_FLOOR = Duration.ofSeconds(60);
    /** How often that wait looks again. */
    private static final Duration STOP_POLL = Duration.ofMillis(200);
    /** How long {@link #close()} waits for the event thread to deliver what is queued. */
    private static final Duration EVENT_THREAD_DRAIN = Duration.ofSeconds(5);
    private static final System.Logger LOG = System.getLogger(EmbeddedEngine.class.getName());
    private static final AtomicInteger IDS = new AtomicInteger();

    private final EngineConfig config;
    private final int id = IDS.incrementAndGet();
    private final long memoryLimit;
    /** What the ceiling counts ({@link MemoryWatch#sessionBytes()}) when this engine was ready and idle: it counts growth above it. */
    private volatile long baseline = Long.MAX_VALUE / 4;
    private final Listeners<EngineListener> listeners = new Listeners<>("an engine listener");
    private final Queue<Execution> queued = new ConcurrentLinkedQueue<>();
    private final Object lifecycle = new Object();
    private final Owner owner = new Owner();
    private final AnnouncedState state = new AnnouncedState(this::announce);
    private volatile StdinHandler stdin = StdinHandler.REFUSE;
    private volatile Execution running;
    private volatile EmbeddedInterpreter interpreter;
    private volatile EventThread events;
    private double startMillis;
    private double shellMillis;
    private volatile String sandbox = "not started";

    public EmbeddedEngine(EngineConfig config) {
        this.config = config;
        this.memoryLimit = config.memoryLimitBytes() > 0 ? config.memoryLimitBytes() : defaultMemoryLimit();
    }

    @Override
    public EngineKind kind() {
        return EngineKind.EMBEDDED;
    }

    @Override
    public void start() {
        synchronized (lifecycle) {
            EngineState now = state.get();
            if (now != EngineState.NOT_STARTED) {
                if (now == EngineState.CLOSED) {
                    throw new EngineException("this embedded engine was closed; create a new one");
                }
                if (now == EngineState.DEAD) {
                    throw new EngineException("this embedded engine could not start; create a new one, or use --engine kernel");
                }
                return;
            }
            long began = System.nanoTime();
            events = new EventThread();
            state.set(EngineState.STARTING);
            try {
                interpreter = EmbeddedInterpreter.obtain(PythonLocator.probe(config.python()));
                sandbox = EmbeddedSandbox.setUp(interpreter, id, config);
                String folder = config.workingDirectory().toString();
                long shellStarted = System.nanoTime();
                join(interpreter.submitFor(id, api -> {
                    interpreter.bridge.newShell(api, id, folder);
                    return null;
                }));
                shellMillis = (System.nanoTime() - shellStarted) / 1e6;
            } catch (RuntimeException e) {
                state.set(EngineState.DEAD);
                throw EngineErrors.of(e);
            }
            state.set(EngineState.IDLE);
            settleFootprint();
            startMillis = (System.nanoTime() - began) / 1e6;
        }
    }

    /**
     * Measures the idle footprint the memory ceiling counts from. With a ceiling set by the user,
     * the analysis libraries (numpy, pandas, Dask's DataFrame when installed) are imported first:
     * their code is the application's, not the session's data, and a small ceiling would
     * otherwise be spent on imports.
     */
    private void settleFootprint() {
        if (config.memoryLimitBytes() > 0) {
            String warmUp = "[__import__(m) for m in ('numpy', 'pandas', 'dask.dataframe') "
                    + "if __import__('importlib.util').util.find_spec(m.split('.')[0]) is not None]";
            ExecutionResult warmed = execute(new ExecutionRequest(warmUp, Duration.ofMinutes(1), true, false), OutputListener.NONE).join();
            if (!warmed.ok()) {
                LOG.log(System.Logger.Level.DEBUG, "importing the analysis libraries before measuring the idle footprint failed: {0}", warmed.note());
            }
        }
        baseline = interpreter.memory.sessionBytes();
    }

    @Override
    public CompletableFuture<ExecutionResult> execute(ExecutionRequest request, OutputListener listener) {
        EngineState now = state.get();
        if (now == EngineState.NOT_STARTED || now == EngineState.CLOSED || now == EngineState.DEAD || events == null) {
            return CompletableFuture.completedFuture(new ExecutionResult(ExecutionStatus.ABORTED, 0, List.of(), Optional.empty(),
                    Duration.ZERO, "the embedded engine is " + (now == EngineState.NOT_STARTED ? "not started" : now.name().toLowerCase())));
        }
        Execution execution = new Execution(owner, request, listener);
        queued.add(execution);
        interpreter.enqueue(execution);
        if (state.get() == EngineState.CLOSED && queued.remove(execution)) {
            execution.abort("the engine was closed before this cell ran"); // close() ran between the check and the queueing
        }
        return execution.future();
    }

    /** Interrupts this engine's running cell, or, when it has none yet, its next queued one as soon as it starts. */
    @Override
    public void interrupt() {
        Execution target;
        synchronized (state) { // one step with running(): a cell moving from the queue to running is seen in one place or the other
            target = running;
            if (target == null) {
                target = queued.peek();
            }
        }
        if (target != null && interpreter != null) {
            interpreter.stop(target, Execution.Stop.USER);
        }
    }

    @Override
    public void restart() {
        synchronized (lifecycle) {
            requireStarted();
            state.set(EngineState.RESTARTING);
            abortQueued("the engine restarted before this cell ran", Execution.Stop.RESTART);
            String folder = config.workingDirectory().toString();
            CompletableFuture<Void> fresh = interpreter.submitFor(id, api -> {
                interpreter.bridge.restart(api, id, folder);
                return null;
            });
            stopRunning(Execution.Stop.RESTART);
            awaitWhileStopping(fresh, "restart");
            if (interpreter.isConfined(id)) {
                ProcessSweeper.sweep();
            }
            EngineEvent restarted = new EngineEvent.Restarted("restart requested: a fresh namespace in the same Python process");
            events.runAndWait(() -> listeners.forEach(listener -> listener.onEvent(restarted)));
            synchronized (state) { // a cell queued meanwhile may already run
                state.set(running != null ? EngineState.BUSY : EngineState.IDLE);
            }
        }
    }

    @Override
    public EngineState state() {
        return state.get();
    }

    @Override
    public void addListener(EngineListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(EngineListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void setStdinHandler(StdinHandler handler) {
        stdin = handler == null ? StdinHandler.REFUSE : handler;
    }

    @Override
    public CompletableFuture<Completion> complete(String code, int cursor) {
        return ask(api -> interpreter.bridge.complete(api, id, code, cursor), json -> ShellAnswers.completion(json, cursor));
    }

    @Override
    public CompletableFuture<Inspection> inspect(String code, int cursor, int detail) {
        return ask(api -> interpreter.bridge.inspect(api, id, code, cursor, detail), ShellAnswers::inspection);
    }

    @Override
    public CompletableFuture<List<VariableInfo>> variables() {
        return ask(api -> interpreter.bridge.variables(api, id), ShellAnswers::variables);
    }

    @Override
    public CompletableFuture<TablePage> readTable(TableQuery query) {
        return ask(api -> interpreter.bridge.tablePage(api, id, query.variable(), query.offset(), query.limit(),
                query.sortColumn(), query.ascending(), json -> TableReader.read(query.variable(), json)), page -> page);
    }

    @Override
    public EngineInfo info() {
        Map<String, String> details = new LinkedHashMap<>();
        EmbeddedInterpreter python = interpreter;
        if (python != null) {
            details.put("libpython", python.library.path().toString());
            details.put("prefix", python.python.prefix().toString());
            details.put("interpreter_start_ms", String.format(java.util.Locale.ROOT, "%.1f", python.startMillis));
            python.startPhases.forEach((phase, millis) -> details.put("interpreter_" + phase, String.valueOf(millis)));
            details.put("shell_ms", String.format(java.util.Locale.ROOT, "%.1f", shellMillis));
        }
        details.put("process", "in the application's process (pid " + ProcessHandle.current().pid() + "); restart gives a fresh namespace, "
                + "a new process is the kernel engine's");
        details.put("memory_limit", MemoryWatch.megabytes(memoryLimit) + " above the idle footprint");
        details.put("memory_limit_bytes", Long.toString(memoryLimit));
        if (baseline < Long.MAX_VALUE / 4) {
            details.put("idle_footprint_bytes", Long.toString(baseline));
        }
        details.put("working_directory", config.workingDirectory().toString());
        details.put("sandbox", sandbox);
        String version = python != null ? python.python.version() : "";
        String executable = python != null ? python.python.executable().toString() : config.python().toString();
        return new EngineInfo(EngineKind.EMBEDDED, executable, version, startMillis, details);
    }

    @Override
    public void close() {
        synchronized (lifecycle) {
            EngineState was = state.get();
            if (was == EngineState.CLOSED) {
                return;
            }
            state.set(EngineState.CLOSED);
            if (was != EngineState.NOT_STARTED && was != EngineState.DEAD && interpreter != null) {
                abortQueued("the engine was closed before this cell ran", Execution.Stop.CLOSE);
                CompletableFuture<Void> disposed = interpreter.submitFor(id, api -> {
                    interpreter.bridge.dispose(api, id);
                    return null;
                });
                stopRunning(Execution.Stop.CLOSE);
                EmbeddedInterpreter python = interpreter;
                boolean confined = python.isConfined(id);
                disposed.whenComplete((done, error) -> python.release(id));
                boolean gone = awaitDisposal(disposed);
                if (confined) {
                    ProcessSweeper.sweep(); // here, before close() returns: what the code started is gone with it
                }
                if (!gone) {
                    // a cell that ignores interrupts (a long native call): its result and the shell's
                    // disposal come when it ends, and the event thread stays to deliver that result
                    EventThread lastEvents = events;
                    disposed.whenComplete((done, error) -> lastEvents.close(0));
                    return;
                }
            }
            if (events != null) {
                events.close(EVENT_THREAD_DRAIN.toMillis());
            }
        }
    }

    /** Waits up to the interrupt grace for the shell's disposal; false when it is still to come. */
    private boolean awaitDisposal(CompletableFuture<Void> disposed) {
        try {
            disposed.get(config.interruptGrace().toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the caller asked to stop waiting: the disposal finishes on its own
            return false;
        } catch (ExecutionException e) {
            LOG.log(System.Logger.Level.WARNING, "could not dispose of the engine's IPython shell", e.getCause());
            return true;
        }
    }

    // -- internals ---------------------------------------------------------------------------

    private <R, T> CompletableFuture<T> ask(PythonThread.Task<R> task, Function<R, T> convert) {
        EngineState now = state.get();
        if (interpreter == null || now == EngineState.CLOSED || now == EngineState.DEAD) {
            return CompletableFuture.failedFuture(new EngineException("the embedded engine is " + (interpreter == null ? "not started" : now.name().toLowerCase())));
        }
        CompletableFuture<T> answer = new EventFuture<>(events);
        interpreter.submitFor(id, task).whenComplete((value, error) -> events.execute(() -> {
            if (error != null) {
                answer.completeExceptionally(EngineErrors.of(error));
                return;
            }
            try {
                answer.complete(convert.apply(value));
            } catch (RuntimeException e) {
                answer.completeExceptionally(EngineErrors.of(e));
            }
        }));
        return answer;
    }

    private void requireStarted() {
        EngineState now = state.get();
        if (now == EngineState.NOT_STARTED || now == EngineState.CLOSED || now == EngineState.DEAD) {
            throw new EngineException("the embedded engine is " + (now == EngineState.NOT_STARTED ? "not started" : now.name().toLowerCase()));
        }
    }

    /** Aborts the cells still waiting; one that started meanwhile is interrupted instead. */
    private void abortQueued(String note, Execution.Stop why) {
        Execution next;
        while ((next = queued.poll()) != null) {
            if (!next.abort(note)) {
                interpreter.stop(next, why);
            }
        }
    }

    private void stopRunning(Execution.Stop why) {
        Execution current = running;
        if (current != null) {
            interpreter.stop(current, why);
        }
    }

    /** Waits for {@code work}, which runs after this engine's running cell; that cell is being interrupted. */
    private void awaitWhileStopping(CompletableFuture<?> work, String what) {
        long deadline = System.nanoTime() + Math.max(STOP_WAIT_FLOOR.toNanos(), config.interruptGrace().toNanos());
        while (true) {
            try {
                work.get(STOP_POLL.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new EngineException("the embedded engine could not " + what + ": a running cell does not respond to interrupts "
                            + "(it is inside a long native call); wait for it, or use the kernel engine, which can end its process");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EngineException("interrupted while waiting for the embedded engine to " + what, e);
            } catch (ExecutionException e) {
                throw EngineErrors.of(e);
            }
        }
    }

    /** Queues the news of a new state for the listeners (called by {@link AnnouncedState}, in order). */
    private void announce(EngineState next) {
        EventThread thread = events;
        if (thread != null && !listeners.isEmpty()) {
            EngineEvent event = new EngineEvent.StateChanged(next);
            thread.execute(() -> listeners.forEach(listener -> listener.onEvent(event)));
        }
    }

    private static long defaultMemoryLimit() {
        return (long) (MemoryWatch.physicalBytes() * DEFAULT_MEMORY_SHARE);
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw EngineErrors.of(e);
        }
    }

    /** What an {@link Execution} of this engine needs from it. */
    private final class Owner implements Execution.Owner {
        @Override
        public int id() {
            return id;
        }

        @Override
        public EventThread events() {
            return events;
        }

        @Override
        public StdinHandler stdin() {
            return stdin;
        }

        @Override
        public long memoryLimit() {
            return memoryLimit;
        }

        @Override
        public long memoryBaseline() {
            return baseline;
        }

        @Override
        public Duration interruptGrace() {
            return config.interruptGrace();
        }

        @Override
        public void running(Execution execution, boolean started) {
            synchronized (state) { // one step with restart()'s and interrupt()'s look at the running cell
                queued.remove(execution);
                running = started ? execution : null;
                // only from IDLE or BUSY: never over CLOSED, DEAD or RESTARTING set meanwhile by another thread
                state.change(started ? EngineState.IDLE : EngineState.BUSY, started ? EngineState.BUSY : EngineState.IDLE);
            }
        }
    }
}
