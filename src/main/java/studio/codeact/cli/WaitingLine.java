package studio.codeact.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * While the model has not said a word yet, a line on stderr every ten seconds —
 * "codeact: waiting for the model… 30 s" — so a silent server is never mistaken for a hung app.
 *
 * <p>Threads: {@link #start} and {@link #stop} from the agent's thread; the lines are written by
 * a daemon timer thread, under the writer's lock.
 */
final class WaitingLine implements AutoCloseable {

    static final Duration EVERY = Duration.ofSeconds(10);

    private final PrintWriter err;
    private final Duration every;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable ->
            Thread.ofPlatform().daemon().name("codeact-waiting-line").unstarted(runnable));
    private ScheduledFuture<?> ticking;
    private long since;

    WaitingLine(PrintWriter err, Duration every) {
        this.err = err;
        this.every = every;
    }

    /** The request went out: count from now. */
    synchronized void start() {
        stop();
        since = System.nanoTime();
        long period = every.toMillis();
        ticking = timer.scheduleAtFixedRate(this::tick, period, period, TimeUnit.MILLISECONDS);
    }

    /** The model answered (or the question ended). */
    synchronized void stop() {
        if (ticking != null) {
            ticking.cancel(false);
            ticking = null;
        }
    }

    private void tick() {
        long seconds;
        synchronized (this) {
            if (ticking == null) {
                return;
            }
            seconds = Math.round((System.nanoTime() - since) / 1e9);
        }
        synchronized (err) {
            err.println("codeact: waiting for the model\u2026 " + seconds + " s");
            err.flush();
        }
    }

    @Override
    public void close() {
        stop();
        timer.shutdownNow();
    }
}
