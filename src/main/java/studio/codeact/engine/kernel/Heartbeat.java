package studio.codeact.engine.kernel;

import java.time.Duration;

/**
 * Bookkeeping of the heartbeat channel (IO thread only): a ping every interval, counting
 * pings that got no echo before the next one was due.
 */
final class Heartbeat {

    private long intervalNanos;
    private int maxMissed;
    private long nextBeat;
    private boolean awaiting;
    private int missed;
    private boolean reported;

    void start(Duration interval, int maxMissed) {
        this.intervalNanos = interval.toNanos();
        this.maxMissed = maxMissed;
        this.nextBeat = System.nanoTime();
    }

    /** How long the poller may wait before the next ping is due; -1 (forever) when not started. */
    long millisToNextBeat() {
        if (intervalNanos == 0) {
            return -1;
        }
        return Math.max(0, (nextBeat - System.nanoTime() + 999_999) / 1_000_000);
    }

    boolean due() {
        return intervalNanos > 0 && System.nanoTime() - nextBeat >= 0;
    }

    /**
     * Records that a ping is being sent now.
     *
     * @return true exactly once when {@code maxMissed} pings in a row went unanswered
     */
    boolean tick() {
        nextBeat = System.nanoTime() + intervalNanos;
        if (awaiting) {
            missed++;
        }
        awaiting = true;
        if (missed >= maxMissed && !reported) {
            reported = true;
            return true;
        }
        return false;
    }

    void answered() {
        awaiting = false;
        missed = 0;
        reported = false;
    }

    boolean awaiting() {
        return awaiting;
    }

    int missed() {
        return missed;
    }
}
