package studio.codeact.engine;

/**
 * Receives an engine's life events (state changes, death, restart).
 *
 * <p>Thread: called on the engine's event thread, in order. Return quickly.
 */
@FunctionalInterface
public interface EngineListener {
    void onEvent(EngineEvent event);
}
