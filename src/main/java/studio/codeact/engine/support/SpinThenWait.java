package studio.codeact.engine.support;

import java.util.concurrent.BlockingQueue;

/**
 * Takes the next element of a queue the way a thread that serves bursts of work should: it
 * polls for a short while first, yielding the processor between polls, and only then sleeps.
 * Work that arrives right after the last piece (the next output of a cell, the next cell a
 * caller queues on receiving a result) then finds the thread awake; a wake-up from sleep costs
 * tens of microseconds.
 */
public final class SpinThenWait {

    private SpinThenWait() {
    }

    /**
     * The next element: polled for up to {@code spinNanos}, then waited for without limit.
     *
     * @throws InterruptedException when the calling thread is interrupted while it sleeps
     */
    public static <T> T take(BlockingQueue<T> queue, long spinNanos) throws InterruptedException {
        long until = System.nanoTime() + spinNanos;
        T next;
        while ((next = queue.poll()) == null && System.nanoTime() < until) {
            Thread.yield(); // poll, but let other threads (the one receiving the last result) run
        }
        return next != null ? next : queue.take();
    }
}
