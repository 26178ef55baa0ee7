package studio.codeact.engine;

/** Something that happened to an engine outside a single execution. */
public sealed interface EngineEvent {

    record StateChanged(EngineState state) implements EngineEvent { }

    /** The interpreter died (process exit, missed heartbeats); {@code reason} is one plain sentence. */
    record Died(String reason) implements EngineEvent { }

    /** The interpreter was restarted; its variables are gone. */
    record Restarted(String reason) implements EngineEvent { }
}
