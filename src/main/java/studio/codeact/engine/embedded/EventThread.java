package studio.codeact.engine.embedded;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An engine's event thread ({@code codeact-embedded-events}): it calls the engine's listeners and
 * stdin handler and completes the futures the engine hands out, one task at a time in the order
 * they were posted. Never the Python thread, so a listener may call back into the engine.
 */
final class EventThread implements Executor {

    static final String NAME = "codeact-embedded-events";

    private static final System.Logger LOG = System.getLogger(EventThread.class.getName());
    private static final Runnable STOP = () -> { };
    private static final long SPIN_NANOS = 50_000;

    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final Thread thread = Thread.ofPlatform().name(NAME).daemon(true).unstarted(this::loop);
    private volatile boolean stopped;

    EventThread() {
        thread.start();
    }

    /** Queues {@code task}; a task that throws is logged and the thread goes on. */
    @Override
    public void execute(Runnable task) {
        if (stopped) {
            return;
        }
        queue.add(task);
    }

    boolean isCurrent() {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code task} on this thread and waits for it (at once when already on it). */
    void runAndWait(Runnable task) {
        if (isCurrent()) {
            task.run();
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        execute(() -> {
            try {
                task.run();
            } finally {
                done.complete(null);
            }
        });
        try {
            done.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "an engine listener took longer than 10 s", e);
        }
    }

    private void loop() {
        while (true) {
            Runnable task = next();
            if (task == null) {
                continue;
            }
            if (task == STOP) {
                return;
            }
            try {
                task.run();
            } catch (Throwable e) {
                LOG.log(System.Logger.Level.WARNING, "an engine listener failed", e);
            }
        }
    }

    /** The next task; polls for a moment first (outputs come in bursts), yielding the processor meanwhile. */
    private Runnable next() {
        long until = System.nanoTime() + SPIN_NANOS;
        Runnable task;
        while ((task = queue.poll()) == null && System.nanoTime() < until) {
            Thread.yield();
        }
        if (task != null) {
            return task;
        }
        try {
            return queue.take();
        } catch (InterruptedException e) {
            return null;
        }
    }

    /** Delivers what is queued, then ends the thread (waits up to {@code millis}; 0: does not wait). */
    void close(long millis) {
        if (stopped) {
            return;
        }
        queue.add(STOP);
        stopped = true;
        if (millis > 0 && !isCurrent()) {
            try {
                thread.join(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
