package studio.codeact.engine.support;

import java.time.Duration;
import java.util.Locale;

/** Durations as the engines write them in notes and errors. */
public final class Durations {

    private static final long SECOND = 1000;
    private static final long MINUTE = 60 * SECOND;

    private Durations() {
    }

    /**
     * A duration as people say it: {@code 300 ms}, {@code 1 s}, {@code 2.5 s}, {@code 90 s},
     * {@code 2 min} (whole minutes only); {@code no limit} for null.
     */
    public static String text(Duration duration) {
        if (duration == null) {
            return "no limit";
        }
        long millis = duration.toMillis();
        if (millis < SECOND) {
            return millis + " ms";
        }
        if (millis % MINUTE == 0) {
            return millis / MINUTE + " min";
        }
        if (millis % SECOND == 0) {
            return millis / SECOND + " s";
        }
        return String.format(Locale.ROOT, "%.1f s", millis / (double) SECOND);
    }
}
