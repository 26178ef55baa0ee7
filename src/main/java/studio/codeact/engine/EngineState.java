package studio.codeact.engine;

/** The life of an engine as a status bar shows it. */
public enum EngineState {
    NOT_STARTED, STARTING, IDLE, BUSY, RESTARTING, DEAD, CLOSED
}
