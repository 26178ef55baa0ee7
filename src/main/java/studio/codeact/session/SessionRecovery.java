package studio.codeact.session;

import studio.codeact.engine.Output;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Closes the record of a session whose process died while it was {@code running}: the cells
 * still pending (the action that was running, with its code) end as {@link CellStatus#DIED}
 * with "the process died" as their outcome, the session becomes {@link SessionStatus#CRASHED},
 * and the exports are written from the record. Used by the CLI's guard right after the process
 * died, by {@code codeact recover DIR}, and by the GUI at its next start.
 *
 * <p>A live process's session is never touched: recovery takes the folder's {@link SessionLock}
 * first (and fails with {@link SessionLock.HeldException} when it cannot).
 */
public final class SessionRecovery {

    /** The name of the error a died cell records. */
    public static final String DIED_ERROR = "ProcessDied";

    private SessionRecovery() {
    }

    /**
     * What recovery found.
     *
     * @param crashed  true when the session was left running and is now marked crashed
     * @param cell     the number of the cell that was running, if one was
     * @param session  the session as it is now on disk
     */
    public record Outcome(boolean crashed, OptionalInt cell, Session session) {
    }

    /**
     * Recovers {@code folder}; {@code cause} says how the process died ("a native fault (exit
     * status 134)"). A session that is not running keeps its record; its exports are rewritten.
     *
     * @throws SessionLock.HeldException when a live process holds the folder
     * @throws SessionException          when the folder holds no readable session
     */
    public static Outcome recover(Path folder, String cause) {
        try (SessionLock ignored = SessionLock.acquire(folder, "codeact recover")) {
            Session session = SessionStore.read(folder);
            OptionalInt running = OptionalInt.empty();
            boolean crashed = session.status() == SessionStatus.RUNNING;
            if (crashed) {
                Instant now = Instant.now();
                String outcome = "the process died while this cell ran: " + cause;
                List<Integer> pending = new ArrayList<>();
                for (Cell cell : session.cells()) {
                    if (cell.status() == CellStatus.PENDING) {
                        pending.add(cell.number());
                        Cell died = cell.finished(CellStatus.DIED, cell.executionCount(),
                                List.of(new Output.Error(DIED_ERROR, outcome, List.of())), cell.figures(), cell.elapsedMillis());
                        session = session.withCell(died, now);
                    }
                }
                if (!pending.isEmpty()) {
                    running = OptionalInt.of(pending.getLast());
                }
                String reason = "the process died" + (running.isPresent() ? " in cell " + running.getAsInt() : "") + ": " + cause;
                session = session.withEntry(new Entry.Notice(now, reason)).withStatus(SessionStatus.CRASHED, reason, now);
                AtomicFiles.write(folder.resolve(SessionStore.SESSION_FILE), SessionJson.write(session));
            }
            Exports.writeAll(session, folder);
            return new Outcome(crashed, running, session);
        }
    }
}
