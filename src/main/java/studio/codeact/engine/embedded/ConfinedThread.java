package studio.codeact.engine.embedded;

import studio.codeact.engine.support.SpinThenWait;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One sandboxed session's own thread. It attaches to the embedded interpreter
 * ({@code PyGILState_Ensure}), confines itself — Landlock, seccomp and no-new-privileges apply to
 * the calling thread and what it starts, never to the app's other threads — and then runs that
 * session's Python work when the interpreter's thread hands it over ({@link #run}), as Python's
 * main thread for the moment ({@link MainThreadSwitch}).
 *
 * <p>Why a thread per session: Landlock rules can only be narrowed once applied, and each session
 * writes in its own working folder; a thread that served two sessions could not serve the second.
 * The interpreter's own thread stays free and unconfined (it initialised Python, and runs nothing
 * the model wrote).
 */
final class ConfinedThread {

    private static final long STACK_BYTES = 16L << 20;
    /**
     * How long this thread polls for the next task before it sleeps: a thread wake-up costs tens of
     * microseconds, a cell round trip ~0.4 ms, and the next cell of a burst arrives after the result
     * has passed three other threads (interpreter, events, caller).
     */
    private static final long SPIN_NANOS = 500_000;
    /** How long the interpreter's thread polls for a task's end before it sleeps (a short cell ends within this). */
    private static final long RESULT_SPIN_NANOS = 1_000_000;

    private final CApi api;
    private final MainThreadSwitch mainThread;
    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final CompletableFuture<Long> started = new CompletableFuture<>();
    private final Thread thread;
    private volatile boolean stopping;
    private long threadState;

    private ConfinedThread(CApi api, MainThreadSwitch mainThread, String name, PythonThread.Task<?> confine) {
        this.api = api;
        this.mainThread = mainThread;
        this.thread = Thread.ofPlatform().name(name).daemon(true).stackSize(STACK_BYTES).unstarted(() -> loop(confine));
    }

    /**
     * Starts the thread and waits until it is confined ({@code confine} runs on it, holding the GIL).
     * Call it without holding the GIL (not from a task of the interpreter's thread).
     */
    static ConfinedThread start(CApi api, MainThreadSwitch mainThread, String name, PythonThread.Task<?> confine) {
        ConfinedThread confined = new ConfinedThread(api, mainThread, name, confine);
        confined.thread.start();
        confined.started.join();
        return confined;
    }

    private void loop(PythonThread.Task<?> confine) {
        long gil;
        try {
            gil = api.ensureGil();
        } catch (Throwable e) {
            started.completeExceptionally(e);
            return;
        }
        try {
            confine.run(api);
        } catch (Throwable e) {
            api.releaseGil(gil);
            started.completeExceptionally(e);
            return;
        }
        threadState = api.saveThread();
        started.complete(Libc.pthreadSelf());
        while (!stopping) {
            try {
                SpinThenWait.take(queue, SPIN_NANOS).run(); // a hand-off right after the last one finds this thread awake
            } catch (InterruptedException e) {
                // never interrupted on purpose; keep serving until stopped
            }
        }
        api.restoreThread(threadState);
        api.releaseGil(gil);
    }

    /** This thread's {@code pthread_t}, for signals. */
    long pthread() {
        return started.join();
    }

    /**
     * Runs {@code task} on this thread and waits for it. The caller (the interpreter's thread)
     * must have released the GIL; this thread takes it, becomes Python's main thread, runs the
     * task, and gives both back.
     */
    <T> T run(PythonThread.Task<T> task) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        long self = pthread();
        queue.add(() -> {
            api.restoreThread(threadState);
            if (mainThread != null) {
                mainThread.lendTo(self);
            }
            try {
                result.complete(task.run(api));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            } finally {
                if (mainThread != null) {
                    mainThread.giveBack();
                }
                threadState = api.saveThread();
            }
        });
        long until = System.nanoTime() + RESULT_SPIN_NANOS;
        while (!result.isDone() && System.nanoTime() < until) {
            Thread.yield(); // a short cell's end then costs no wake-up of this (the interpreter's) thread
        }
        try {
            return result.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Detaches from Python and ends the thread (after the work already handed over). */
    void stop() {
        queue.add(() -> stopping = true);
    }
}
