package studio.codeact.agent;

/**
 * Decides, before each action runs, whether it may: the GUI's "ask before running code", the
 * CLI's {@code --confirm}.
 *
 * <p>Thread: called on the agent's thread (the one in {@link CodeActAgent#ask}); it may block
 * while the user decides. The time spent here is not counted as the agent's overhead.
 */
@FunctionalInterface
public interface Approver {

    /**
     * @param cell the number the cell will have
     * @param code the model's code
     */
    Decision review(int cell, String code);

    /** Runs everything without asking. */
    Approver RUN_ALL = (cell, code) -> new Decision.Run();

    sealed interface Decision {
        /** Run the code as written. */
        record Run() implements Decision { }

        /** Run this code instead (the model is told it was edited). */
        record Edit(String code) implements Decision { }

        /** Do not run it; {@code reason} (may be empty) is passed to the model. */
        record Reject(String reason) implements Decision { }
    }
}
