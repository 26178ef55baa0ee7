package studio.codeact.gui.bench;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures how long the FX thread is ever unavailable: a probe thread posts a task every
 * {@value #PERIOD_MILLIS} ms and records how late it runs, and an animation timer records the
 * longest gap between pulses (frames).
 */
final class FxStallProbe implements AutoCloseable {

    static final long PERIOD_MILLIS = 5;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "fx-stall-probe");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong worstLatency = new AtomicLong();
    private final AtomicLong probes = new AtomicLong();
    private long lastPulse;
    private long worstPulseGap;
    private long pulses;
    private final AnimationTimer frames = new AnimationTimer() {
        @Override
        public void handle(long now) {
            if (lastPulse != 0) {
                worstPulseGap = Math.max(worstPulseGap, now - lastPulse);
            }
            lastPulse = now;
            pulses++;
        }
    };

    /** Starts probing; call on the FX thread. */
    void start() {
        frames.start();
        timer.scheduleAtFixedRate(() -> {
            long posted = System.nanoTime();
            Platform.runLater(() -> {
                long late = System.nanoTime() - posted;
                worstLatency.accumulateAndGet(late, Math::max);
                probes.incrementAndGet();
            });
        }, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    double worstLatencyMillis() {
        return worstLatency.get() / 1e6;
    }

    double worstPulseGapMillis() {
        return worstPulseGap / 1e6;
    }

    long probes() {
        return probes.get();
    }

    long pulses() {
        return pulses;
    }

    /** Stops probing; call on the FX thread. */
    @Override
    public void close() {
        frames.stop();
        timer.shutdownNow();
    }
}
