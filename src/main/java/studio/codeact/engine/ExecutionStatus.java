package studio.codeact.engine;

/** How an execution ended. */
public enum ExecutionStatus {
    /** The cell ran to its end. */
    OK,
    /** The cell raised; {@link ExecutionResult#error()} says what (a user interrupt is a {@code KeyboardInterrupt} error). */
    ERROR,
    /** The cell ran past its timeout and was interrupted (or, if that failed, the engine restarted). */
    TIMED_OUT,
    /** The interpreter process died while the cell ran (kernel engine); a restart is possible. */
    DIED,
    /** The cell never ran: the engine was shut down, restarting, or dead. */
    ABORTED
}
