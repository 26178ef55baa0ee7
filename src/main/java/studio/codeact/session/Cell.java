package studio.codeact.session;

import studio.codeact.engine.Output;

import java.util.List;
import java.util.Objects;

/**
 * One piece of code that the session ran (or was asked to run), with what it produced.
 *
 * @param number         1-based position among the session's cells; stable for its life
 * @param kind           setup code or a model's action
 * @param turn           the model turn that asked for it (0 for setup cells)
 * @param code           the Python source as it ran (after any edit by the user)
 * @param status         how it ended
 * @param executionCount IPython's count ({@code In [n]}), 0 when it never ran
 * @param outputs        its outputs in order, streams merged (see {@link OutputCompaction})
 * @param figures        session-relative paths of the PNG figures it produced, in output order
 * @param elapsedMillis  wall time of the run, 0 when it never ran
 */
public record Cell(int number, CellKind kind, int turn, String code, CellStatus status, int executionCount,
                   List<Output> outputs, List<String> figures, long elapsedMillis) {

    public Cell {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(status, "status");
        outputs = List.copyOf(outputs);
        figures = List.copyOf(figures);
    }

    /** A cell that has been submitted but has not finished. */
    public static Cell pending(int number, CellKind kind, int turn, String code) {
        return new Cell(number, kind, turn, code, CellStatus.PENDING, 0, List.of(), List.of(), 0);
    }

    public Cell finished(CellStatus endStatus, int count, List<Output> endOutputs, List<String> endFigures, long millis) {
        return new Cell(number, kind, turn, code, endStatus, count, endOutputs, endFigures, millis);
    }

    /** The error that ended the cell, if any. */
    public java.util.Optional<Output.Error> error() {
        return outputs.stream().filter(Output.Error.class::isInstance).map(Output.Error.class::cast).reduce((a, b) -> b);
    }
}
