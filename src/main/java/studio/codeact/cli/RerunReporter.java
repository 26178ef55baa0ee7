package studio.codeact.cli;

import studio.codeact.agent.RerunListener;
import studio.codeact.engine.ExecutionResult;
import studio.codeact.engine.Output;
import studio.codeact.session.Cell;
import studio.codeact.session.CellKind;

import java.io.PrintWriter;

/**
 * Shows a continued session's cells running again on the terminal (stderr), one line each:
 * {@code ↻ cell 3 (2 of 5) … ok}, or why a cell was not run again.
 *
 * <p>Thread: called on the thread that runs the agent.
 */
final class RerunReporter implements RerunListener {

    private final PrintWriter err;

    RerunReporter(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void starting(int index, int total, Cell cell) {
        err.print("\u21bb cell " + cell.number() + " (" + index + " of " + total + ")" + (cell.kind() == CellKind.SETUP ? ", loading the data" : "")
                + " \u2026 ");
        err.flush();
    }

    @Override
    public void finished(Cell cell, ExecutionResult result) {
        err.println(result.ok() ? "ok" : "failed this time: "
                + result.error().map(Output.Error::summary).orElse(result.status().name().toLowerCase(java.util.Locale.ROOT)));
        err.flush();
    }

    @Override
    public void skipped(Cell cell, String why) {
        err.println("\u21bb cell " + cell.number() + " not run again: " + why);
        err.flush();
    }
}
