package studio.codeact.agent;

import studio.codeact.engine.ExecutionResult;
import studio.codeact.engine.ExecutionStatus;
import studio.codeact.engine.MimeBundle;
import studio.codeact.engine.Output;
import studio.codeact.session.HeadTail;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns what an action produced into the plain text the model reads (the observation contract of
 * docs/architecture.md, "The agent's contracts"): printed text in the order it came, the value of the last expression, one line per
 * figure, DataFrames as their plain-text form, and an error as the frames of the model's own code
 * followed by {@code Name: message} — no ANSI codes. Output longer than the budget keeps its head
 * and tail and says what was cut; the error and the notes are never cut away.
 */
public final class ObservationFormatter {

    /** Default budget for one observation, in characters. */
    public static final int DEFAULT_BUDGET = 4_000;

    static final String EMPTY_OUTPUT = "[The code ran and printed nothing. Use print() to see values: only the value of "
            + "the last line and figures shown with plt.show() come back on their own.]";

    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[A-Za-z]");
    /** Smallest room left for output when a long error takes most of the budget. */
    private static final int MIN_OUTPUT_ROOM = 500;

    private final int budget;

    public ObservationFormatter(int budget) {
        if (budget < 200) {
            throw new IllegalArgumentException("an observation budget under 200 characters leaves no room for output");
        }
        this.budget = budget;
    }

    public int budget() {
        return budget;
    }

    /**
     * The observation of one action.
     *
     * @param result  how the cell ended, with its outputs
     * @param figures the figures it produced, in output order (already saved)
     * @param notes   what the agent adds (e.g. the interpreter was restarted); may be empty
     * @param share   the part of the budget this action may use (1 when it is the only action)
     */
    public String format(ExecutionResult result, List<Figure> figures, List<String> notes, double share) {
        int room = Math.max(200, (int) (budget * share));
        String problem = problem(result);
        StringBuilder tail = new StringBuilder(problem);
        for (String note : notes) {
            appendLine(tail, note);
        }
        String body = body(result.outputs(), figures);
        int outputRoom = Math.max(MIN_OUTPUT_ROOM, room - tail.length() - 1);
        String shown = HeadTail.clip(body, outputRoom);
        if (shown.isBlank() && problem.isEmpty()) {
            shown = EMPTY_OUTPUT;
        }
        StringBuilder text = new StringBuilder(shown.stripTrailing());
        if (!tail.isEmpty()) {
            appendLine(text, tail.toString());
        }
        return text.toString();
    }

    /**
     * The short form an old observation is replaced with when the conversation outgrows its
     * budget: whether the cell worked, its error's summary, its figure lines.
     */
    public String summary(int cellNumber, ExecutionResult result, List<Figure> figures, int fullLength) {
        StringBuilder text = new StringBuilder();
        if (result.ok()) {
            text.append(String.format(Locale.ROOT, "[cell %d ran; its %,d characters of output were left out to save context]",
                    cellNumber, fullLength));
        } else {
            String why = result.status() == ExecutionStatus.TIMED_OUT ? "ran past the time limit"
                    : result.status() == ExecutionStatus.DIED ? "killed the Python process"
                    : "failed with " + result.error().map(e -> HeadTail.clip(e.summary(), 300)).orElse(result.status().name());
            text.append("[cell ").append(cellNumber).append(' ').append(why).append("; details left out to save context]");
        }
        for (Figure figure : figures) {
            text.append('\n').append(figure.line());
        }
        return text.toString();
    }

    /** Printed text, values, displays and figure lines, in the order the code produced them. */
    String body(List<Output> outputs, List<Figure> figures) {
        StringBuilder text = new StringBuilder();
        Iterator<Figure> nextFigure = figures.iterator();
        Output.StreamName lastStream = null;
        for (Output output : outputs) {
            switch (output) {
                case Output.Stream stream -> {
                    if (stream.name() == Output.StreamName.STDERR && lastStream != Output.StreamName.STDERR) {
                        startLine(text).append("[stderr]\n");
                    } else if (stream.name() == Output.StreamName.STDOUT && lastStream == Output.StreamName.STDERR) {
                        startLine(text).append("[stdout]\n");
                    }
                    text.append(clean(stream.text()));
                    lastStream = stream.name();
                }
                case Output.Display display -> {
                    if (display.data().has(MimeBundle.PROGRESS)) {
                        continue; // a computation's progress is for the user's eyes only
                    }
                    startLine(text).append(bundle(display.data(), nextFigure)).append('\n');
                    lastStream = null;
                }
                case Output.Result value -> {
                    String shown = bundle(value.data(), nextFigure);
                    String prompt = value.executionCount() > 0 ? "Out[" + value.executionCount() + "]:" : "Out:";
                    startLine(text).append(prompt).append(shown.contains("\n") ? "\n" : " ").append(shown).append('\n');
                    lastStream = null;
                }
                case Output.Error ignored -> {
                    // Shown after the output, see problem().
                }
            }
        }
        return text.toString();
    }

    private static String bundle(MimeBundle data, Iterator<Figure> figures) {
        if (data.has(MimeBundle.IMAGE_PNG)) {
            return figures.hasNext() ? figures.next().line() : "[figure: PNG image]";
        }
        if (data.has(MimeBundle.IMAGE_SVG)) {
            return "[figure: SVG image, not saved; use PNG figures to have them saved]";
        }
        String plain = data.text();
        if (!plain.isEmpty()) {
            return clean(plain);
        }
        if (data.has(MimeBundle.TEXT_HTML)) {
            return String.format(Locale.ROOT, "[HTML output, %,d characters, not shown; print() a text form to see it]",
                    data.get(MimeBundle.TEXT_HTML).orElse("").length());
        }
        return "[output of type " + String.join(", ", data.data().keySet()) + " not shown as text]";
    }

    /** The error, timeout or other trouble of the cell, or empty when it ran cleanly. */
    String problem(ExecutionResult result) {
        StringBuilder text = new StringBuilder();
        result.error().ifPresent(error -> {
            List<String> frames = TracebackFilter.relevantLines(error);
            if (!frames.isEmpty() && result.status() != ExecutionStatus.TIMED_OUT) {
                text.append("Traceback (your code; library frames left out):\n");
                frames.forEach(line -> text.append(line).append('\n'));
            } else if (!frames.isEmpty()) {
                text.append("It was running here:\n");
                frames.forEach(line -> text.append(line).append('\n'));
            }
            if (result.status() != ExecutionStatus.TIMED_OUT) {
                text.append(HeadTail.clip(clean(error.summary()), 1_000)).append('\n');
            }
            if ("MemoryError".equals(error.ename())) {
                text.append("[The memory limit was reached. Aggregate or filter first and compute only the small result (never `.compute()` "
                        + "a whole Dask DataFrame), or work on a sample, load fewer columns, or use smaller dtypes.]\n");
            }
        });
        switch (result.status()) {
            case TIMED_OUT -> {
                if (mentionsRestart(result.note())) {
                    text.append("[The action ran past the cell time limit and did not stop when interrupted, so the Python process "
                            + "was restarted. Make the code faster, or work on a sample.]\n");
                } else {
                    text.append("[The action ran past the cell time limit and was interrupted").append(
                            result.note().isEmpty() ? "" : " (" + result.note().strip() + ")").append(
                            ". Variables assigned before that point are kept. Make the code faster, or work on a sample.]\n");
                }
            }
            // The engine's note says how to go on; the agent does that itself and adds its own note.
            case DIED -> text.append("[The Python process died while running this action.]\n");
            case ABORTED -> text.append("[The action did not run")
                    .append(result.note().isEmpty() ? "" : ": " + result.note().strip()).append(".]\n");
            case OK, ERROR -> {
                if (!result.note().isBlank()) {
                    text.append("[").append(result.note().strip()).append("]\n");
                }
            }
        }
        return text.toString().stripTrailing();
    }

    /** Without ANSI codes, and with carriage-return progress lines reduced to what a terminal would show last. */
    static boolean mentionsRestart(String note) {
        return note.toLowerCase(Locale.ROOT).contains("restart");
    }

    private static String clean(String text) {
        String plain = ANSI.matcher(text).replaceAll("").replace("\r\n", "\n");
        if (plain.indexOf('\r') < 0) {
            return plain;
        }
        StringBuilder out = new StringBuilder(plain.length());
        for (String line : plain.split("\n", -1)) {
            int lastReturn = line.lastIndexOf('\r', line.length() - 2);
            out.append(lastReturn >= 0 ? line.substring(lastReturn + 1) : line).append('\n');
        }
        out.setLength(out.length() - 1);
        return out.toString().replace("\r", "");
    }

    private static StringBuilder startLine(StringBuilder text) {
        if (!text.isEmpty() && text.charAt(text.length() - 1) != '\n') {
            text.append('\n');
        }
        return text;
    }

    private static void appendLine(StringBuilder text, String line) {
        startLine(text).append(line);
    }
}
