package studio.codeact.engine;

import java.util.Optional;

/**
 * Answers {@code input()} / {@code getpass()} calls made by running code.
 *
 * <p>Thread: called on the engine's event thread while the cell waits; it may block (e.g. until
 * the user types an answer). Returning empty refuses: the cell gets an error instead of
 * hanging.
 */
@FunctionalInterface
public interface StdinHandler {

    Optional<String> readLine(String prompt, boolean password);

    /** Headless default: every request is refused, so a cell calling {@code input()} fails at once with a clear error. */
    StdinHandler REFUSE = (prompt, password) -> Optional.empty();
}
