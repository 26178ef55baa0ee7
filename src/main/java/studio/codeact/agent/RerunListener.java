package studio.codeact.agent;

import studio.codeact.session.Cell;

/**
 * Progress of a saved session's cells running again when the session continues
 * ({@link CodeActAgent#resume}).
 *
 * <p>Thread: called on the thread that called {@code resume} (the agent's worker).
 */
public interface RerunListener {

    RerunListener NONE = new RerunListener() {
    };

    /** {@code cell} is about to run again: the {@code index}-th of {@code total} that will. */
    default void starting(int index, int total, Cell cell) {
    }

    /** {@code cell} ran again: {@code error} is empty when it worked, else its error's summary. */
    default void finished(Cell cell, String error) {
    }

    /** {@code cell} is not run again: it failed (or was refused, or never finished) then, or the user stopped the re-run. */
    default void skipped(Cell cell, String why) {
    }
}
