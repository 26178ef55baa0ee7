package studio.codeact.agent;

import java.util.Objects;

/**
 * Notices a model going round in circles: the same action, or the same error, three times in a
 * row. The third time the model is told to change approach; if the next turn repeats it again,
 * the agent stops. One detector per question.
 */
public final class StuckDetector {

    /** How many identical turns in a row earn a warning. */
    public static final int WARN_AT = 3;

    public enum Verdict {
        /** Nothing unusual. */
        OK,
        /** Tell the model to change approach. */
        WARN,
        /** It repeated itself again after the warning: stop. */
        STOP
    }

    private String lastAction;
    private String lastError;
    private int sameAction;
    private int sameError;
    private boolean warned;

    /**
     * Records one turn.
     *
     * @param actions the turn's code, all actions joined
     * @param error   the error summary the turn ended with, or {@code null} if none
     */
    public Verdict record(String actions, String error) {
        String action = normalise(actions);
        sameAction = Objects.equals(action, lastAction) ? sameAction + 1 : 1;
        lastAction = action;
        if (error == null) {
            sameError = 0;
            lastError = null;
        } else {
            String normalised = normalise(error);
            sameError = Objects.equals(normalised, lastError) ? sameError + 1 : 1;
            lastError = normalised;
        }
        boolean repeating = sameAction >= WARN_AT || sameError >= WARN_AT;
        if (!repeating) {
            warned = false;
            return Verdict.OK;
        }
        if (warned) {
            return Verdict.STOP;
        }
        warned = true;
        return Verdict.WARN;
    }

    /** What the model is told on a warning. */
    public String warning() {
        return sameError >= WARN_AT
                ? "[You have hit the same error " + sameError + " times in a row. Stop repeating this approach: read the error, "
                        + "check your assumptions (print columns, dtypes, shapes), and try something different.]"
                : "[You have run the same code " + sameAction + " times in a row. Its result will not change: "
                        + "try a different approach, or answer with what you know.]";
    }

    /** Why the agent stopped, for the user. */
    public String stopReason() {
        return sameError > WARN_AT || (sameError >= WARN_AT && sameAction < WARN_AT)
                ? "the model is stuck: it hit the same error " + sameError + " times in a row, even after being told to change approach"
                : "the model is stuck: it ran the same code " + sameAction + " times in a row, even after being told to change approach";
    }

    private static String normalise(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }
}
