package studio.codeact.engine.embedded;

import studio.codeact.engine.support.Durations;
import studio.codeact.engine.support.SpinThenWait;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An engine's event thread ({@code codeact-embedded-events}): it calls the engine's listeners and
 * stdin handler and completes the futures the engine hands out, one task at a time in the order
 * they were posted. Never the Python thread, so a listener may call back into the engine.
 */
final class EventThread implements Executor {

    static final String NAME = "codeact-embedded-events";

    private static final System.Logger LOG = System.getLogger(EventThread.class.getName());
    private static final Runnable STOP = () -> { };
    /** How long the thread polls before it sleeps: a cell's outputs come in bursts microseconds apart. */
    private static final long SPIN_NANOS = 50_000;
    /** How long {@link #runAndWait} waits for a task (listeners are meant to return at once). */
    static final Duration RUN_AND_WAIT_LIMIT = Duration.ofSeconds(10);

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

    /** Whether posted tasks will still run (not closed, not ended). */
    boolean isAlive() {
        return !stopped && thread.isAlive();
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
                done.complete(null);
            } catch (RuntimeException | Error e) {
                done.completeExceptionally(e);
            }
        });
        try {
            done.get(RUN_AND_WAIT_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "a task on the engine's event thread (a listener) took longer than "
                    + Durations.text(RUN_AND_WAIT_LIMIT) + "; going on without waiting for it");
        } catch (ExecutionException e) {
            LOG.log(System.Logger.Level.WARNING, "a task on the engine's event thread (a listener) failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the caller stops waiting; the task still runs
        }
    }

    private void loop() {
        while (true) {
            Runnable task;
            try {
                task = SpinThenWait.take(queue, SPIN_NANOS);
            } catch (InterruptedException e) {
                // nothing interrupts this thread on purpose, and futures wait for what it delivers: keep serving
                LOG.log(System.Logger.Level.WARNING, "the engine's event thread was interrupted; it goes on delivering");
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
