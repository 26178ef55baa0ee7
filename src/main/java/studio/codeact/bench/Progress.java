package studio.codeact.bench;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * The progress line on stderr after each run: done/total, success so far, elapsed time and the
 * estimated time left (from the pace of the runs done in this session; resumed ones cost nothing).
 * Thread-safe: workers report as they finish.
 */
public final class Progress {

    private final PrintWriter out;
    private final int total;
    private final long started = System.nanoTime();
    private int done;
    private int solved;
    private int doneHere;

    /**
     * @param total         runs in the plan
     * @param alreadyDone   runs finished by an earlier, interrupted session
     * @param alreadySolved of those, the solved ones
     */
    public Progress(PrintWriter out, int total, int alreadyDone, int alreadySolved) {
        this.out = out;
        this.total = total;
        this.done = alreadyDone;
        this.solved = alreadySolved;
    }

    /** Counts a finished run and prints the line. */
    public synchronized void finished(TaskResult result) {
        done++;
        doneHere++;
        if (result.success()) {
            solved++;
        }
        out.println(line(result, System.nanoTime() - started));
        out.flush();
    }

    synchronized String line(TaskResult result, long elapsedNanos) {
        Duration elapsed = Duration.ofNanos(elapsedNanos);
        int left = total - done;
        String eta = doneHere == 0 ? "?" : duration(elapsed.multipliedBy(left).dividedBy(doneHere));
        String what = switch (result.outcome()) {
            case SOLVED -> "solved";
            case WRONG_ANSWER -> "wrong answer";
            case TURN_LIMIT -> "turn limit";
            case NO_SOLUTION -> "no solution";
            case MODEL_ERROR -> "model error";
            case ENGINE_ERROR -> "engine error";
        };
        return String.format(Locale.ROOT, "[%d/%d] success %d/%d (%.1f%%) · elapsed %s · ETA %s · %s %s %s: %s, %d turn%s",
                done, total, solved, done, done == 0 ? 0.0 : 100.0 * solved / done, duration(elapsed), eta,
                result.model(), result.mode().id(), result.task(), what, result.turns(), result.turns() == 1 ? "" : "s");
    }

    static String duration(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, (seconds % 3600) / 60);
    }
}
