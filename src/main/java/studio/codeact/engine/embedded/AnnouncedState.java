package studio.codeact.engine.embedded;

import studio.codeact.engine.EngineState;

import java.util.function.Consumer;

/**
 * An engine's state, changed by several threads (callers of {@code start}/{@code restart}/
 * {@code close}, and the interpreter's thread when a cell starts and ends) and announced in the
 * order it changed. A conditional change ({@link #change(EngineState, EngineState)}) checks and
 * sets in one step, so a cell that starts as the engine closes cannot leave it BUSY after CLOSED.
 *
 * <p>Thread: any. The announcer runs under this object's lock and must only queue (the engine's
 * event thread delivers), never block or call back.
 */
final class AnnouncedState {

    private final Consumer<EngineState> announcer;
    private volatile EngineState state = EngineState.NOT_STARTED;

    /** @param announcer queues the announcement of a new state; called in the order of the changes */
    AnnouncedState(Consumer<EngineState> announcer) {
        this.announcer = announcer;
    }

    EngineState get() {
        return state;
    }

    /** Sets {@code next} whatever the state is, and announces it if it differs. */
    synchronized void set(EngineState next) {
        if (state != next) {
            state = next;
            announcer.accept(next);
        }
    }

    /** Sets {@code next} only while the state is {@code expected}; true when it did. */
    synchronized boolean change(EngineState expected, EngineState next) {
        if (state != expected) {
            return false;
        }
        set(next);
        return true;
    }
}
