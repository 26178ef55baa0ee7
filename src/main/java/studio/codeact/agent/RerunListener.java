package studio.codeact.agent;

import studio.codeact.engine.ExecutionResult;
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

    /** {@code cell} ran again and produced {@code result} (its outputs now; {@link ExecutionResult#ok()} when it worked). */
    default void finished(Cell cell, ExecutionResult result) {
    }

    /** {@code cell} is not run again: it failed (or was refused, or never finished) then, or the user stopped the re-run. */
    default void skipped(Cell cell, String why) {
    }
}
