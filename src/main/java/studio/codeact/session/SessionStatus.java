package studio.codeact.session;

import java.util.Locale;

/** Where a session stands; {@code session.json} says it as a lower-case word. */
public enum SessionStatus {
    /** Still going (or the process was killed while it was). */
    RUNNING,
    /** The model gave its final answer. */
    ANSWERED,
    /** The model, the engine or the agent failed; the reason is in {@link Session#failure()}. */
    FAILED,
    /** The turn limit was reached without an answer. */
    TURN_LIMIT,
    /** The user stopped it. */
    CANCELLED,
    /**
     * The process died while the session was running (a native crash, an exit that model code
     * forced, a kill); set afterwards by {@link SessionRecovery}, never by a live process.
     */
    CRASHED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SessionStatus parse(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
