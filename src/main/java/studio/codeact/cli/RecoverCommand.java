package studio.codeact.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import studio.codeact.session.SessionException;
import studio.codeact.session.SessionLock;
import studio.codeact.session.SessionRecovery;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code codeact recover DIR}: what the launcher does after a crash, by hand. A session left
 * {@code running} by a process that is gone is marked {@code crashed}, its running action is
 * recorded with "the process died" as its outcome, and the exports are written from the record.
 * A session that is not running only gets its exports rewritten. Exit 0 when done, 2 when DIR
 * holds no session or a live process holds it.
 */
@Command(name = "recover", mixinStandardHelpOptions = true,
        description = "Close a session whose process died: mark it crashed and write its exports from the record.")
public final class RecoverCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "The session folder.")
    Path folder;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path dir = folder.toAbsolutePath().normalize();
        try {
            SessionRecovery.Outcome outcome = SessionRecovery.recover(dir, "the process ended without closing the session");
            if (outcome.crashed()) {
                out.println(dir + ": marked crashed" + (outcome.cell().isPresent() ? " (cell " + outcome.cell().getAsInt() + " was running)" : "")
                        + "; exports written from the record");
            } else {
                out.println(dir + ": not left running (status " + outcome.session().status().id() + "); exports rewritten");
            }
            out.flush();
            return Main.OK;
        } catch (SessionLock.HeldException e) {
            err.println("codeact: " + dir + " is in use by " + e.holder().describe() + "; it is not crashed");
            return Main.BAD_INPUT;
        } catch (SessionException e) {
            err.println("codeact: " + e.getMessage());
            return Main.BAD_INPUT;
        }
    }
}
