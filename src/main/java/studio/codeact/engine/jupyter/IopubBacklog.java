package studio.codeact.engine.jupyter;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The iopub messages a kernel sent that the engine has taken in but not yet handled, counted in
 * wire bytes: the back-pressure between a transport's reader thread and the engine's event
 * thread. A cell printing faster than its output is handled would otherwise queue every message
 * in the app's process (gigabytes for a flood). The engine adds a message when the transport
 * passes it on and releases it once its listener has run; a transport stops reading iopub while
 * the backlog is {@link #full()} and goes on when it has drained to half of {@link #HIGH}, so
 * what the kernel sends meanwhile waits in the transport's queues and then in the kernel's.
 *
 * <p>Threads: any.
 */
public final class IopubBacklog {

    /** Bytes of iopub messages waiting for the event thread past which a transport stops reading. */
    public static final long HIGH = 2L << 20;

    private final AtomicLong bytes = new AtomicLong();
    private final Object drained = new Object();

    /** A message of {@code wireBytes} was passed on to the event thread. */
    void add(long wireBytes) {
        bytes.addAndGet(wireBytes);
    }

    /** A message of {@code wireBytes} was handled (or dropped). */
    void release(long wireBytes) {
        if (bytes.addAndGet(-wireBytes) <= HIGH / 2) {
            synchronized (drained) {
                drained.notifyAll();
            }
        }
    }

    /** More than {@link #HIGH} bytes wait: the reader should leave iopub unread for now. */
    public boolean full() {
        return bytes.get() > HIGH;
    }

    /** Bytes taken in and not yet handled. */
    public long pending() {
        return bytes.get();
    }

    /**
     * Waits until the backlog has drained to half of {@link #HIGH}, or {@code millis} passed.
     *
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public void awaitDrain(long millis) throws InterruptedException {
        synchronized (drained) {
            if (bytes.get() > HIGH / 2) {
                drained.wait(millis);
            }
        }
    }
}
