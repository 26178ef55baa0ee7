package studio.codeact.agent;

/**
 * Receives the agent's events.
 *
 * <p>Thread: called on the thread that called {@link CodeActAgent#ask} or
 * {@link CodeActAgent#loadDatasets} — the agent pumps model deltas (which arrive on the HTTP
 * client's thread) and cell outputs (which arrive on the engine's event thread) over to it — one
 * event at a time, in order. It is never the JavaFX thread unless the caller made it so (the GUI
 * runs the agent on a worker and adapts events to the FX thread). Return quickly: the agent waits.
 */
@FunctionalInterface
public interface AgentListener {

    void onEvent(AgentEvent event);

    AgentListener NONE = event -> { };
}
