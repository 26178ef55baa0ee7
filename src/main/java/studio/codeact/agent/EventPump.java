package studio.codeact.agent;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Brings work from other threads (model deltas from the HTTP reader, cell outputs from the engine's
 * event thread) onto the agent's own thread, so that every {@link AgentEvent} is delivered from one
 * thread, in order. While the agent waits for a future it runs what was posted; when the future
 * completes it runs whatever is left, then returns.
 */
final class EventPump {

    private static final Runnable WAKE = () -> { };

    private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final Runnable onInterrupt;

    /** @param onInterrupt what to do when the waiting thread is interrupted (the agent cancels) */
    EventPump(Runnable onInterrupt) {
        this.onInterrupt = onInterrupt;
    }

    /** Called from any thread: runs {@code task} on the agent's thread, after what was posted before. */
    void post(Runnable task) {
        tasks.add(task);
    }

    /**
     * Runs posted work until {@code future} completes, then returns its value.
     *
     * @throws CompletionException with the future's failure as its cause
     */
    <T> T await(CompletableFuture<T> future) {
        future.whenComplete((value, error) -> tasks.add(WAKE));
        boolean interrupted = false;
        while (!future.isDone()) {
            try {
                tasks.take().run();
            } catch (InterruptedException e) {
                interrupted = true;
                onInterrupt.run();
            }
        }
        Runnable task;
        while ((task = tasks.poll()) != null) {
            task.run();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return future.join();
    }
}
