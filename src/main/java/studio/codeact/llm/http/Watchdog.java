package studio.codeact.llm.http;

import studio.codeact.llm.Timeouts;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Enforces the time-to-first-token and idle-gap limits of one call. The reader thread reports
 * each token through {@link #token()} (one volatile write); a shared timer thread checks only at
 * the current deadline, so the per-token cost stays a few nanoseconds. When a limit passes, the
 * watchdog records which one and runs {@code onExpiry} (which closes the connection) on the timer thread.
 * Until the first token it looks at least once per idle period, so an idle gap right after the
 * first token is caught on time.
 */
public final class Watchdog implements Progress {

    /** Which limit expired. */
    public enum Stage { FIRST_TOKEN, IDLE }

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "llm-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private final long firstTokenNanos;
    private final long idleNanos;
    private final Runnable onExpiry;

    private volatile long lastToken;
    private volatile boolean tokenSeen;
    private long armedAt;
    private boolean armed;
    private ScheduledFuture<?> check;
    private volatile Stage expired;

    public Watchdog(Timeouts timeouts, Runnable onExpiry) {
        this.firstTokenNanos = timeouts.firstToken().toNanos();
        this.idleNanos = timeouts.idle().toNanos();
        this.onExpiry = onExpiry;
    }

    /** Starts the first-token clock for a new attempt. Called on the call's thread. */
    public synchronized void arm() {
        cancelCheck();
        armedAt = System.nanoTime();
        tokenSeen = false;
        armed = true;
        expired = null;
        check = TIMER.schedule(this::check, Math.min(firstTokenNanos, idleNanos), TimeUnit.NANOSECONDS);
    }

    /** A token arrived. Called on the call's reader thread. */
    @Override
    public void token() {
        lastToken = System.nanoTime();
        if (!tokenSeen) {
            tokenSeen = true;
        }
    }

    /** Stops watching (the attempt ended, or the call waits before a retry). */
    public synchronized void disarm() {
        armed = false;
        cancelCheck();
    }

    /** The limit that expired during the current attempt, or {@code null}. */
    public Stage expired() {
        return expired;
    }

    private void check() {
        synchronized (this) {
            if (!armed) {
                return;
            }
            long now = System.nanoTime();
            boolean started = tokenSeen;
            long deadline = started ? lastToken + idleNanos : armedAt + firstTokenNanos;
            if (now - deadline < 0) {
                // Before the first token, look again at least every idle period: once a token
                // comes, the idle deadline may be earlier than the first-token one.
                long next = started ? deadline - now : Math.min(deadline - now, idleNanos);
                check = TIMER.schedule(this::check, next, TimeUnit.NANOSECONDS);
                return;
            }
            expired = started ? Stage.IDLE : Stage.FIRST_TOKEN;
            armed = false;
            check = null;
        }
        onExpiry.run();
    }

    private void cancelCheck() {
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }
}
