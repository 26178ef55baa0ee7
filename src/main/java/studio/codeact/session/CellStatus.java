package studio.codeact.session;

import java.util.Locale;

/** How a cell ended, as {@code session.json} records it. */
public enum CellStatus {
    /** Submitted and not finished yet (a session read after a crash may end with one). */
    PENDING,
    OK,
    /** The code raised. */
    ERROR,
    /** Stopped by the cell timeout. */
    TIMED_OUT,
    /** The interpreter died while it ran. */
    DIED,
    /** Never ran (the engine was shutting down or restarting). */
    ABORTED,
    /** The user refused to run it. */
    REJECTED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CellStatus parse(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }

    /** True for cells whose code actually ran and raised, timed out or killed the interpreter. */
    public boolean failed() {
        return this == ERROR || this == TIMED_OUT || this == DIED;
    }

    /** True for cells whose code ran (successfully or not). */
    public boolean ran() {
        return this == OK || failed();
    }
}
