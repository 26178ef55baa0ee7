package studio.codeact.bench;

import java.util.Locale;

/** How a task run ended. Only {@link #SOLVED} is a success. */
public enum Outcome {
    /** The {@code <solution>} matched the expected answer. */
    SOLVED,
    /** The {@code <solution>} did not match. */
    WRONG_ANSWER,
    /** The turn limit came without a {@code <solution>}. */
    TURN_LIMIT,
    /** The agent stopped on its own without a {@code <solution>} (code mode: e.g. stuck, or a plain-text answer). */
    NO_SOLUTION,
    /** The model's server failed (after its retries); the run is retried on resume. */
    MODEL_ERROR,
    /** The Python engine or the harness failed; the run is retried on resume. */
    ENGINE_ERROR;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Outcome parse(String text) {
        return valueOf(text.strip().toUpperCase(Locale.ROOT));
    }

    /** Failures of the infrastructure rather than of the model's work: a resumed run tries again. */
    public boolean retryOnResume() {
        return this == MODEL_ERROR || this == ENGINE_ERROR;
    }
}
