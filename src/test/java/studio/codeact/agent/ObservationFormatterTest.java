package studio.codeact.agent;

import org.junit.jupiter.api.Test;
import studio.codeact.engine.ExecutionResult;
import studio.codeact.engine.ExecutionStatus;
import studio.codeact.engine.MimeBundle;
import studio.codeact.engine.Output;
import studio.codeact.session.PngSize;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ObservationFormatterTest {

    private final ObservationFormatter formatter = new ObservationFormatter(ObservationFormatter.DEFAULT_BUDGET);

    static ExecutionResult result(ExecutionStatus status, String note, Output... outputs) {
        Optional<Output.Error> error = List.of(outputs).stream().filter(Output.Error.class::isInstance).map(Output.Error.class::cast).findFirst();
        return new ExecutionResult(status, 3, List.of(outputs), error, Duration.ofMillis(5), note);
    }

    static Output.Stream stdout(String text) {
        return new Output.Stream(Output.StreamName.STDOUT, text);
    }

    @Test
    void printedTextAndTheLastValueAppearInOrder() {
        String text = formatter.format(result(ExecutionStatus.OK, "", stdout("rows: 3\n"),
                new Output.Result(3, MimeBundle.of(MimeBundle.TEXT_PLAIN, "42"), Map.of())), List.of(), List.of(), 1);

        assertThat(text).isEqualTo("rows: 3\nOut[3]: 42");
    }

    @Test
    void dataFramesAppearAsPlainTextNotHtml() {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(MimeBundle.TEXT_PLAIN, "  region  sales\n0  north   10.5");
        data.put(MimeBundle.TEXT_HTML, "<table><tr><td>north</td></tr></table>");
        String text = formatter.format(result(ExecutionStatus.OK, "", new Output.Result(7, new MimeBundle(data), Map.of())),
                List.of(), List.of(), 1);

        assertThat(text).isEqualTo("Out[7]:\n  region  sales\n0  north   10.5").doesNotContain("<table");
    }

    @Test
    void eachFigureGetsOneLineWithItsSizeAndFile() {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(MimeBundle.TEXT_PLAIN, "<Figure size 800x600 with 1 Axes>");
        data.put(MimeBundle.IMAGE_PNG, "iVBORw0KGgo=");
        Figure figure = new Figure(2, "figures/002.png", Optional.of(new PngSize(800, 600)), new byte[0]);

        String text = formatter.format(result(ExecutionStatus.OK, "", stdout("plotted\n"), new Output.Display(new MimeBundle(data), Map.of())),
                List.of(figure), List.of(), 1);

        assertThat(text).isEqualTo("plotted\n[figure 2: 800\u00d7600 PNG saved as figures/002.png]");
    }

    @Test
    void stderrIsMarkedWhereItStarts() {
        String text = formatter.format(result(ExecutionStatus.OK, "", stdout("a\n"),
                new Output.Stream(Output.StreamName.STDERR, "FutureWarning: x\n"), stdout("b\n")), List.of(), List.of(), 1);

        assertThat(text).isEqualTo("a\n[stderr]\nFutureWarning: x\n[stdout]\nb");
    }

    @Test
    void anErrorShowsTheModelsFrameThenNameAndMessage() {
        String text = formatter.format(result(ExecutionStatus.ERROR, "", TracebackFilterTest.PANDAS_KEY_ERROR), List.of(), List.of(), 1);

        assertThat(text).isEqualTo("""
                Traceback (your code; library frames left out):
                Cell In [1], line 2
                      1 x = 1
                ----> 2 df['Price'].mean()
                (2 more frames inside library code)
                KeyError: 'Price'""");
    }

    @Test
    void emptyOutputSaysSoAndRemindsToPrint() {
        String text = formatter.format(result(ExecutionStatus.OK, ""), List.of(), List.of(), 1);

        assertThat(text).isEqualTo(ObservationFormatter.EMPTY_OUTPUT).contains("print()");
    }

    @Test
    void longOutputKeepsHeadAndTailWithinTheBudgetAndKeepsTheError() {
        List<Output> outputs = new ArrayList<>();
        for (int i = 0; i < 1_000_000; i += 1000) {
            StringBuilder chunk = new StringBuilder();
            for (int j = i; j < i + 1000; j++) {
                chunk.append("line ").append(j).append('\n');
            }
            outputs.add(stdout(chunk.toString()));
        }
        outputs.add(new Output.Error("ValueError", "bad", List.of("Cell In [3], line 9\n----> 9 raise ValueError('bad')\n", "ValueError: bad")));

        String text = formatter.format(result(ExecutionStatus.ERROR, "", outputs.toArray(Output[]::new)), List.of(), List.of(), 1);

        assertThat(text.length()).isLessThanOrEqualTo(ObservationFormatter.DEFAULT_BUDGET);
        assertThat(text).startsWith("line 0\nline 1\n").contains("line 999999\n").contains("cut from the middle").endsWith("ValueError: bad");
    }

    @Test
    void aTimeoutSaysWhereItWasAndThatStateIsKept() {
        Output.Error interrupt = new Output.Error("KeyboardInterrupt", "", List.of("Cell In [4], line 2\n      1 while True:\n----> 2     pass\n", "KeyboardInterrupt: "));
        String text = formatter.format(result(ExecutionStatus.TIMED_OUT, "interrupted after the 2 s cell timeout", stdout("working\n"), interrupt),
                List.of(), List.of(), 1);

        assertThat(text).startsWith("working\nIt was running here:\nCell In [4], line 2")
                .contains("cell time limit and was interrupted (interrupted after the 2 s cell timeout)")
                .contains("Variables assigned before that point are kept")
                .doesNotContain("KeyboardInterrupt");
    }

    @Test
    void aTimeoutThatRestartedTheInterpreterDoesNotClaimStateWasKept() {
        String text = formatter.format(result(ExecutionStatus.TIMED_OUT, "the kernel was restarted after a cell timed out"), List.of(), List.of(), 1);

        assertThat(text).contains("did not stop when interrupted, so the Python process was restarted").doesNotContain("kept");
    }

    @Test
    void aMemoryErrorIsReportedAsSuch() {
        String text = formatter.format(result(ExecutionStatus.ERROR, "", new Output.Error("MemoryError", "Unable to allocate 7.28 TiB", List.of())),
                List.of(), List.of(), 1);

        assertThat(text).isEqualTo("MemoryError: Unable to allocate 7.28 TiB\n"
                + "[The memory limit was reached. Aggregate or filter first and compute only the small result (never `.compute()` "
                + "a whole Dask DataFrame), or work on a sample, load fewer columns, or use smaller dtypes.]");
    }

    @Test
    void agentNotesComeLast() {
        String text = formatter.format(result(ExecutionStatus.DIED, "the kernel died"), List.of(),
                List.of("[It was restarted and the datasets reloaded (sales); every other variable is gone.]"), 1);

        assertThat(text).isEqualTo("[The Python process died while running this action.]\n"
                + "[It was restarted and the datasets reloaded (sales); every other variable is gone.]");
    }

    @Test
    void ansiCodesAndCarriageReturnProgressAreCleaned() {
        String text = formatter.format(result(ExecutionStatus.OK, "", stdout("\u001b[1mbold\u001b[0m\n10%\r50%\r100%\n")), List.of(), List.of(), 1);

        assertThat(text).isEqualTo("bold\n100%");
    }

    @Test
    void theShortFormKeepsTheErrorSummaryAndFigures() {
        Figure figure = new Figure(1, "figures/001.png", Optional.empty(), new byte[0]);
        assertThat(formatter.summary(5, result(ExecutionStatus.ERROR, "", TracebackFilterTest.PANDAS_KEY_ERROR), List.of(), 900))
                .isEqualTo("[cell 5 failed with KeyError: 'Price'; details left out to save context]");
        assertThat(formatter.summary(6, result(ExecutionStatus.OK, ""), List.of(figure), 1234))
                .isEqualTo("[cell 6 ran; its 1,234 characters of output were left out to save context]\n[figure 1: PNG saved as figures/001.png]");
    }

    @Test
    void turnFootersCountDownAndAskForTheAnswerOnTheLastTurn() {
        assertThat(TurnObservation.turnsLeft(7)).isEqualTo("[7 turns left]");
        assertThat(TurnObservation.turnsLeft(1)).contains("last").contains("<solution>");
        TurnObservation observation = new TurnObservation(List.of("a", "b"), List.of("a", "b"), "[3 turns left]", List.of());
        assertThat(observation.text()).isEqualTo("[action 1 of 2]\na\n\n[action 2 of 2]\nb\n[3 turns left]");
    }
}
