package studio.codeact.engine;

/**
 * Receives the outputs of one execution as they happen.
 *
 * <p>Thread: called on the engine's own event thread (named {@code codeact-<engine>-events}),
 * one output at a time, in the order the code produced them — never on the thread that
 * submitted the cell, never on the JavaFX thread, and never on the Python thread itself.
 * Return quickly; hand longer work to another thread.
 */
@FunctionalInterface
public interface OutputListener {

    void onOutput(Output output);

    OutputListener NONE = output -> { };
}
