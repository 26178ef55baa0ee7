package studio.codeact.agent;

import studio.codeact.engine.ExecutionRequest;
import studio.codeact.engine.ExecutionResult;
import studio.codeact.engine.MimeBundle;
import studio.codeact.engine.Output;
import studio.codeact.engine.OutputListener;
import studio.codeact.engine.PythonEngine;
import studio.codeact.session.Cell;
import studio.codeact.session.CellStatus;
import studio.codeact.session.OutputCompaction;
import studio.codeact.session.Session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Re-runs a recorded session's code in a fresh interpreter, cell by cell in the recorded order,
 * and compares what each cell produces now with what it produced then: the printed text, the
 * values, the number of figures (not their pixels), and the error's name and message. Memory
 * addresses ({@code 0x7f…}) are ignored. Cells that never ran, were rejected, timed out or
 * killed the interpreter are skipped, and said to be.
 */
public final class SessionReplay {

    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{6,}");

    private final PythonEngine engine;
    private final Duration cellTimeout;
    private final int storedStreamChars;

    /** @param engine a started engine with a fresh namespace, in the session's working folder */
    public SessionReplay(PythonEngine engine, Duration cellTimeout, int storedStreamChars) {
        this.engine = engine;
        this.cellTimeout = cellTimeout;
        this.storedStreamChars = storedStreamChars;
    }

    /** Replays every cell, reporting each comparison to {@code progress} as it is made. */
    public List<CellComparison> replay(Session session, Consumer<CellComparison> progress) {
        List<CellComparison> comparisons = new ArrayList<>();
        for (Cell cell : session.cells()) {
            CellComparison comparison = replay(cell);
            comparisons.add(comparison);
            progress.accept(comparison);
        }
        return comparisons;
    }

    private CellComparison replay(Cell cell) {
        String skip = switch (cell.status()) {
            case PENDING, ABORTED -> "it never finished when recorded";
            case REJECTED -> "the user rejected it; it never ran";
            case TIMED_OUT -> "it ran past the time limit when recorded";
            case DIED -> "it killed the interpreter when recorded";
            case OK, ERROR -> null;
        };
        if (skip != null) {
            return new CellComparison(cell.number(), cell.kind(), CellComparison.Verdict.SKIPPED, skip);
        }
        ExecutionResult now = engine.execute(ExecutionRequest.of(cell.code()).withTimeout(cellTimeout), OutputListener.NONE).join();
        String difference = compare(cell, now);
        return new CellComparison(cell.number(), cell.kind(),
                difference.isEmpty() ? CellComparison.Verdict.MATCH : CellComparison.Verdict.DIFFERENT, difference);
    }

    /** The first difference between the recorded cell and this run, or empty. */
    String compare(Cell recorded, ExecutionResult now) {
        CellStatus status = CellRunner.status(now.status());
        if (status != recorded.status()) {
            return "it " + describe(recorded.status(), recorded.error()) + " when recorded, and " + describe(status, now.error()) + " now";
        }
        List<String> then = normalise(recorded.outputs());
        List<String> again = normalise(OutputCompaction.compact(now.outputs(), storedStreamChars));
        for (int i = 0; i < Math.max(then.size(), again.size()); i++) {
            String a = i < then.size() ? then.get(i) : "(nothing)";
            String b = i < again.size() ? again.get(i) : "(nothing)";
            if (!a.equals(b)) {
                return "output " + (i + 1) + " was " + shorten(a) + " and is now " + shorten(b);
            }
        }
        return "";
    }

    private static String describe(CellStatus status, java.util.Optional<Output.Error> error) {
        return switch (status) {
            case OK -> "ran cleanly";
            case ERROR -> "raised " + error.map(Output.Error::summary).orElse("an error");
            default -> "ended as " + status.id();
        };
    }

    private static List<String> normalise(List<Output> outputs) {
        List<String> items = new ArrayList<>();
        for (Output output : outputs) {
            items.add(switch (output) {
                case Output.Stream stream -> stream.name().wireName() + ": " + clean(stream.text());
                case Output.Display display -> "display: " + shown(display.data());
                case Output.Result result -> "value: " + shown(result.data());
                case Output.Error error -> "error: " + clean(error.summary());
            });
        }
        return items;
    }

    private static String shown(MimeBundle data) {
        if (data.has(MimeBundle.IMAGE_PNG) || data.has(MimeBundle.IMAGE_SVG)) {
            return "a figure";
        }
        return clean(data.text());
    }

    private static String clean(String text) {
        return ADDRESS.matcher(text).replaceAll("0x\u2026").stripTrailing();
    }

    private static String shorten(String text) {
        String line = text.replace("\n", "\u23ce");
        return "\u201c" + (line.length() > 120 ? line.substring(0, 117) + "\u2026" : line) + "\u201d";
    }
}
