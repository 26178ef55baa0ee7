package studio.codeact.engine.embedded;

import studio.codeact.engine.support.SpinThenWait;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

/**
 * The interpreter's own thread: it initialises Python (so it is Python's main thread, the one
 * that runs signal handlers) and then runs every piece of work for every embedded engine, one at
 * a time, in the order it was queued. It holds the GIL only while it runs a task, so threads that
 * Python code starts keep running between cells.
 *
 * <p>Tasks must not block on other tasks (they would wait for themselves). The thread lives as
 * long as the process: CPython cannot be finalised and started again once numpy was loaded.
 */
final class PythonThread {

    /** Work that needs the GIL. */
    @FunctionalInterface
    interface Task<T> {
        T run(CApi api) throws Exception;
    }

    private static final long STACK_BYTES = 16L << 20;
    /** How long the thread waits busily for the next task before it sleeps: a caller that submits its next cell
     *  right after the last one's result finds the thread awake (a wake-up costs tens of microseconds). */
    private static final long SPIN_NANOS = 150_000;

    private final CApi api;
    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final CompletableFuture<Long> started = new CompletableFuture<>();
    private long threadState;

    private PythonThread(CApi api, String executable) {
        this.api = api;
        this.thread = Thread.ofPlatform().name("codeact-python").daemon(true).stackSize(STACK_BYTES)
                .unstarted(() -> loop(executable));
    }

    /**
     * Starts the thread, which initialises Python with {@code executable} as its program name.
     * Returns once Python is up (its GIL released); fails if it could not start.
     */
    static PythonThread start(CApi api, String executable) {
        PythonThread python = new PythonThread(api, executable);
        python.thread.start();
        python.started.join();
        return python;
    }

    private void loop(String executable) {
        try {
            api.initialize(executable);
            threadState = api.saveThread();
            started.complete(Libc.pthreadSelf());
        } catch (Throwable e) {
            started.completeExceptionally(e);
            return;
        }
        while (true) {
            Runnable next = next();
            try {
                next.run();
            } catch (Throwable e) {
                System.getLogger(PythonThread.class.getName()).log(System.Logger.Level.ERROR, "embedded Python task failed", e);
            }
        }
    }

    /** The next task; polls briefly before sleeping, so a cell queued right after the last one starts at once. */
    private Runnable next() {
        while (true) {
            try {
                return SpinThenWait.take(queue, SPIN_NANOS);
            } catch (InterruptedException e) {
                // this thread is never interrupted on purpose; keep serving
            }
        }
    }

    /** {@code pthread_t} of this thread, for signals. */
    long pthread() {
        return started.join();
    }

    boolean isCurrent() {
        return Thread.currentThread() == thread;
    }

    /** Queues {@code task} to run with the GIL; the future completes on this thread. */
    <T> CompletableFuture<T> submit(Task<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        queue.add(() -> {
            api.restoreThread(threadState);
            try {
                result.complete(task.run(api));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            } finally {
                threadState = api.saveThread();
            }
        });
        return result;
    }

    /** Queues {@code work} to run with the GIL, with no result to wait for. */
    void post(Function<CApi, ?> work) {
        queue.add(() -> {
            api.restoreThread(threadState);
            try {
                work.apply(api);
            } finally {
                threadState = api.saveThread();
            }
        });
    }
}
