package studio.codeact.engine.embedded;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Stops the running cell: writes why into a small struct Python reads ({@code codeact_guard.Reason}:
 * {@code int32 reason, int32 armed, int64 limit, int64 rss}), then sends a real-time signal to the
 * interpreter's thread with {@code pthread_kill}. The signal makes a blocking call
 * ({@code time.sleep}, a socket read) return early and makes the eval loop run Python's handler
 * at once, which raises {@code KeyboardInterrupt} or {@code MemoryError} inside the cell. The
 * signal is a real-time one: the JVM uses none of them (HotSpot's own is SIGUSR2), and SIGINT,
 * SIGTERM, SIGHUP and SIGQUIT stay the JVM's.
 *
 * <p>Until Python takes the reason, the signal is sent again every {@value #RESEND_MILLIS} ms
 * (code in a long C call only notices when it returns to Python); a cell that catches the
 * exception and goes on is interrupted again after the engine's interrupt grace time.
 *
 * <p>Threads: any thread may call {@link #stop}; {@link #begin} and {@link #end} are called by the
 * interpreter's thread around each cell.
 */
final class Interrupter {

    static final int INTERRUPT = 1;
    static final int MEMORY = 2;

    /** Offsets of the struct's fields, and its size and alignment (two int32 then two int64). */
    private static final long REASON = 0;
    private static final long LIMIT = 8;
    private static final long RSS = 16;
    private static final long STRUCT_BYTES = 24;
    private static final long STRUCT_ALIGNMENT = 8;
    /**
     * Which real-time signal, counted from SIGRTMIN: glibc keeps the first two for its threads
     * (so SIGRTMIN is already past them), and a few above it are what other native libraries
     * loaded into the process reach for first; 5 above stays clear of them.
     */
    private static final int SIGNAL_ABOVE_SIGRTMIN = 5;
    private static final long RESEND_MILLIS = 250;
    private static final VarHandle INT = JAVA_INT.varHandle();

    private final MemorySegment struct = Arena.global().allocate(STRUCT_BYTES, STRUCT_ALIGNMENT);
    private final int signal = Libc.sigrtmin() + SIGNAL_ABOVE_SIGRTMIN;
    private final long pthread;
    private final ScheduledExecutorService timer;
    private Execution current;

    Interrupter(long pthread, ScheduledExecutorService timer) {
        this.pthread = pthread;
        this.timer = timer;
    }

    int signal() {
        return signal;
    }

    long structAddress() {
        return struct.address();
    }

    /** A cell starts; one interrupted while it waited in the queue is stopped as soon as it runs. */
    void begin(Execution execution) {
        synchronized (this) {
            current = execution;
            Execution.Stop early = execution.stopped();
            setReason(early == null ? 0 : code(early));
            if (early == null) {
                return;
            }
        }
        escalateLater(execution);
    }

    synchronized void end() {
        current = null;
        setReason(0);
    }

    /**
     * Interrupts {@code target}: at once if it is the running cell, else as soon as it starts (a
     * queued cell). For {@link Execution.Stop#MEMORY} the handler raises {@code MemoryError}
     * naming {@code rss} and {@code limit}. A cell that catches the exception and goes on is
     * interrupted again every {@link Execution.Owner#interruptGrace()}.
     *
     * @return false when {@code target} already ended
     */
    boolean stop(Execution target, Execution.Stop why, long rss, long limit) {
        synchronized (this) {
            if (target == null || target.ended()) {
                return false;
            }
            if (!target.stop(why)) {
                return true;
            }
            struct.set(JAVA_LONG, LIMIT, limit);
            struct.set(JAVA_LONG, RSS, rss);
            if (current != target) {
                return true; // begin() passes the reason on when the cell starts
            }
            deliver(target);
        }
        resendLater(target);
        escalateLater(target);
        return true;
    }

    /**
     * Interrupts {@code target} again for the reason it was first stopped (it caught the
     * exception, or it keeps growing past the memory ceiling); {@code rss} updates the figure a
     * {@code MemoryError} names (0 keeps it). Does nothing unless it is the running cell.
     */
    boolean repeat(Execution target, long rss) {
        synchronized (this) {
            if (current != target || target.stopped() == null) {
                return false;
            }
            if (rss > 0) {
                struct.set(JAVA_LONG, RSS, rss);
            }
            deliver(target);
        }
        resendLater(target);
        return true;
    }

    /** Writes the reason, signals the interpreter's thread, wakes a pending input(); holding the lock. */
    private void deliver(Execution target) {
        setReason(code(target.stopped()));
        send();
        target.cancelQuestion(); // after the reason is written: Python takes it when input() returns
    }

    private static int code(Execution.Stop why) {
        return why == Execution.Stop.MEMORY ? MEMORY : INTERRUPT;
    }

    /** Signals again while Python has not taken the reason (code inside a long C call). */
    private void resendLater(Execution target) {
        timer.schedule(() -> {
            synchronized (this) {
                if (current != target || reason() == 0) {
                    return;
                }
                send();
            }
            resendLater(target);
        }, RESEND_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Interrupts again after the grace time while the cell still runs (it caught the interrupt). */
    private void escalateLater(Execution target) {
        long grace = Math.max(RESEND_MILLIS, target.owner.interruptGrace().toMillis());
        timer.schedule(() -> {
            if (repeat(target, 0)) {
                escalateLater(target);
            }
        }, grace, TimeUnit.MILLISECONDS);
    }

    private void send() {
        int error = Libc.pthreadKill(pthread, signal);
        if (error != 0) {
            throw new IllegalStateException("pthread_kill failed with error " + error);
        }
    }

    private void setReason(int reason) {
        INT.setVolatile(struct, REASON, reason);
    }

    private int reason() {
        return (int) INT.getVolatile(struct, REASON);
    }
}
