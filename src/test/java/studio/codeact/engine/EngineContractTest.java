package studio.codeact.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link PythonEngine} promises, written once. Each engine's test class extends this
 * and hands over a started engine shared by the class; tests use their own variable names so
 * they do not depend on order.
 */
public abstract class EngineContractTest {

    /** Generous upper bound so a broken engine fails the test instead of hanging the suite. */
    protected static final long WAIT_SECONDS = 60;

    /** A started engine; the same instance for every test of the class. */
    protected abstract PythonEngine engine();

    @AfterEach
    void refuseStdinAgain() {
        engine().setStdinHandler(StdinHandler.REFUSE);
    }

    protected ExecutionResult run(String code) {
        return await(engine().execute(ExecutionRequest.of(code), OutputListener.NONE));
    }

    protected static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("engine did not answer: " + e, e);
        }
    }

    protected ExecutionResult runOk(String code) {
        ExecutionResult result = run(code);
        assertThat(result.status()).as("status of %s; error %s", code, result.error()).isEqualTo(ExecutionStatus.OK);
        return result;
    }

    private static String plain(ExecutionResult result) {
        return result.result().map(r -> r.data().text()).orElse("");
    }

    @Test
    void outputsArriveInOrderWithTheirTypes() {
        List<Output> seen = new CopyOnWriteArrayList<>();
        ExecutionResult result = await(engine().execute(ExecutionRequest.of("""
                import sys
                print('first'); sys.stdout.flush()
                print('oops', file=sys.stderr); sys.stderr.flush()
                from IPython.display import display, HTML
                display(HTML('<b>bold</b>'))
                40 + 2"""), seen::add));

        assertThat(result.status()).isEqualTo(ExecutionStatus.OK);
        assertThat(seen).as("listener and result see the same outputs").containsExactlyElementsOf(result.outputs());
        List<Class<?>> kinds = new ArrayList<>();
        Object lastKind = null;
        for (Output output : result.outputs()) {
            // chunks of one stream count once; stdout and stderr are different kinds
            Object kind = output instanceof Output.Stream stream ? stream.name() : output.getClass();
            if (!kind.equals(lastKind)) {
                kinds.add(output.getClass());
            }
            lastKind = kind;
        }
        assertThat(kinds).containsExactly(Output.Stream.class, Output.Stream.class, Output.Display.class, Output.Result.class);
        assertThat(result.stdout()).isEqualTo("first\n");
        assertThat(result.streamText(Output.StreamName.STDERR)).isEqualTo("oops\n");
        Output.Display display = (Output.Display) result.outputs().get(2);
        assertThat(display.data().get(MimeBundle.TEXT_HTML)).contains("<b>bold</b>");
        Output.Result value = result.result().orElseThrow();
        assertThat(value.data().text()).isEqualTo("42");
        assertThat(value.executionCount()).isEqualTo(result.executionCount()).isPositive();
    }

    @Test
    void outputReachesTheListenerWhileTheCellStillRuns() throws Exception {
        CountDownLatch firstLine = new CountDownLatch(1);
        CompletableFuture<ExecutionResult> running = engine().execute(ExecutionRequest.of("""
                import time
                print('started', flush=True)
                time.sleep(3)
                print('finished')"""), output -> {
            if (output instanceof Output.Stream stream && stream.text().contains("started")) {
                firstLine.countDown();
            }
        });
        assertThat(firstLine.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(running).as("the cell is still sleeping when its first line arrives").isNotDone();
        assertThat(await(running).stdout()).isEqualTo("started\nfinished\n");
    }

    @Test
    void figuresArriveAsPng() {
        ExecutionResult result = runOk("""
                import matplotlib.pyplot as plt
                plt.figure(figsize=(4, 3))
                plt.plot([1, 2, 3], [2, 4, 1])
                plt.show()""");
        List<Output.Display> figures = result.outputs().stream()
                .filter(Output.Display.class::isInstance).map(Output.Display.class::cast)
                .filter(d -> d.data().has(MimeBundle.IMAGE_PNG)).toList();
        assertThat(figures).hasSize(1);
        byte[] png = figures.getFirst().data().png().orElseThrow();
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        assertThat(figures.getFirst().data().text()).contains("Figure");
    }

    @Test
    void figuresArriveAsSvgWhenAsked() {
        ExecutionResult result = runOk("""
                import matplotlib.pyplot as plt
                from matplotlib_inline.backend_inline import set_matplotlib_formats
                set_matplotlib_formats('svg')
                try:
                    plt.plot([1, 2, 3])
                    plt.show()
                finally:
                    set_matplotlib_formats('png')""");
        assertThat(result.outputs()).anySatisfy(output -> assertThat(output)
                .isInstanceOfSatisfying(Output.Display.class, d -> assertThat(d.data().get(MimeBundle.IMAGE_SVG)).hasValueSatisfying(svg -> assertThat(svg).contains("<svg"))));
    }

    @Test
    void dataFramesCarryTheirTableSchema() {
        ExecutionResult result = runOk("""
                import pandas as pd
                pd.DataFrame({'region': ['north', 'south'], 'sales': [10.5, 20.25]})""");
        MimeBundle data = result.result().orElseThrow().data();
        assertThat(data.get(MimeBundle.TABLE_SCHEMA)).hasValueSatisfying(json -> assertThat(json)
                .contains("\"schema\"").contains("\"region\"").contains("20.25"));
        assertThat(data.get(MimeBundle.TEXT_HTML)).hasValueSatisfying(html -> assertThat(html).contains("<table"));
        assertThat(data.text()).contains("north").contains("20.25");
    }

    @Test
    void errorsComeWithoutAnsiCodes() {
        ExecutionResult result = run("""
                def divide(a, b):
                    return a / b
                divide(1, 0)""");
        assertThat(result.status()).isEqualTo(ExecutionStatus.ERROR);
        Output.Error error = result.error().orElseThrow();
        assertThat(error.ename()).isEqualTo("ZeroDivisionError");
        assertThat(error.evalue()).isEqualTo("division by zero");
        assertThat(error.summary()).isEqualTo("ZeroDivisionError: division by zero");
        assertThat(error.traceback()).isNotEmpty();
        assertThat(String.join("\n", error.traceback())).doesNotContain("\u001b[").contains("return a / b");
        assertThat(result.outputs()).last().isEqualTo(error);
    }

    @Test
    void executionCountsGoUpByOne() {
        int first = runOk("'one'").executionCount();
        int second = runOk("'two'").executionCount();
        assertThat(first).isPositive();
        assertThat(second).isEqualTo(first + 1);
    }

    @Test
    void silentCellsHaveNoOutputsAndNoCount() {
        int before = runOk("'before'").executionCount();
        ExecutionResult silent = await(engine().execute(new ExecutionRequest("silent_value = 5\nsilent_value", null, true, false), OutputListener.NONE));
        assertThat(silent.status()).isEqualTo(ExecutionStatus.OK);
        assertThat(silent.outputs()).isEmpty();
        assertThat(runOk("silent_value + 1").executionCount()).isEqualTo(before + 1);
    }

    @Test
    void stateCarriesOverBetweenCells() {
        runOk("carried = [1, 2, 3]");
        assertThat(plain(runOk("sum(carried)"))).isEqualTo("6");
    }

    @Test
    void queuedCellsRunInSubmissionOrder() {
        List<CompletableFuture<ExecutionResult>> futures = new ArrayList<>();
        futures.add(engine().execute(ExecutionRequest.of("order = []\nimport time; time.sleep(0.3); order.append(1)"), OutputListener.NONE));
        futures.add(engine().execute(ExecutionRequest.of("order.append(2)"), OutputListener.NONE));
        futures.add(engine().execute(ExecutionRequest.of("order.append(3); order"), OutputListener.NONE));
        List<ExecutionResult> results = futures.stream().map(EngineContractTest::await).toList();
        assertThat(results).allMatch(ExecutionResult::ok);
        assertThat(plain(results.get(2))).isEqualTo("[1, 2, 3]");
        assertThat(results.get(1).executionCount()).isEqualTo(results.get(0).executionCount() + 1);
    }

    @Test
    void inputIsRefusedWhenNoOneCanAnswer() {
        ExecutionResult result = run("answer = input('your name? ')");
        assertThat(result.status()).isEqualTo(ExecutionStatus.ERROR);
        assertThat(result.error().orElseThrow().ename()).isEqualTo("StdinNotImplementedError");
        assertThat(result.error().orElseThrow().evalue()).contains("input");
    }

    @Test
    void inputReachesTheStdinHandler() {
        List<String> prompts = new CopyOnWriteArrayList<>();
        engine().setStdinHandler((prompt, password) -> {
            prompts.add(prompt);
            return Optional.of("Ada");
        });
        ExecutionResult result = runOk("name = input('your name? ')\nprint('hello', name)");
        assertThat(result.stdout()).contains("hello Ada");
        assertThat(prompts).containsExactly("your name? ");
    }

    @Test
    void completionOffersNames() {
        runOk("completion_target_value = 1");
        String code = "completion_target_v";
        Completion completion = await(engine().complete(code, code.length()));
        assertThat(completion.cursorEnd()).isEqualTo(code.length());
        assertThat(completion.matches()).anySatisfy(match ->
                assertThat(code.substring(0, completion.cursorStart()) + match).isEqualTo("completion_target_value"));

        String attribute = "import os\nos.pa";
        Completion onModule = await(engine().complete(attribute, attribute.length()));
        assertThat(onModule.matches()).anySatisfy(match ->
                assertThat(attribute.substring(0, onModule.cursorStart()) + match).endsWith("os.path"));
    }

    @Test
    void inspectionShowsDocumentation() {
        Inspection inspection = await(engine().inspect("len(", 3, 0));
        assertThat(inspection.found()).isTrue();
        assertThat(inspection.data().text()).doesNotContain("\u001b[").contains("Return the number of items");
        assertThat(await(engine().inspect("no_such_name_here", 5, 0)).found()).isFalse();
    }

    @Test
    void interruptStopsABusyLoopAndKeepsState() throws Exception {
        assertInterruptStops("while True:\n    pass");
    }

    @Test
    void interruptStopsASleep() throws Exception {
        assertInterruptStops("import time\ntime.sleep(1000)");
    }

    private void assertInterruptStops(String endless) throws Exception {
        runOk("kept_before_interrupt = 'still here'");
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<ExecutionResult> running = engine().execute(
                ExecutionRequest.of("print('looping', flush=True)\n" + endless), output -> started.countDown());
        assertThat(started.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        engine().interrupt(); // how long it takes is measured by `codeact perf` (interrupt_ms)
        ExecutionResult result = await(running);
        assertThat(result.status()).isEqualTo(ExecutionStatus.ERROR);
        assertThat(result.error().orElseThrow().ename()).isEqualTo("KeyboardInterrupt");
        assertThat(plain(runOk("kept_before_interrupt"))).isEqualTo("'still here'");
    }

    @Test
    void timeoutInterruptsTheCellAndTheEngineGoesOn() {
        runOk("kept_before_timeout = 3");
        ExecutionResult result = await(engine().execute(
                ExecutionRequest.of("while True:\n    pass").withTimeout(Duration.ofSeconds(1)), OutputListener.NONE));
        assertThat(result.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
        assertThat(result.error()).isPresent();
        assertThat(result.note()).contains("1 s");
        assertThat(plain(runOk("kept_before_timeout * 2"))).isEqualTo("6");
    }

    @Test
    void variablesListsTheUsersValues() {
        runOk("""
                import pandas as pd
                listed_frame = pd.DataFrame({'a': [1, 2, 3], 'b': ['x', 'y', 'z']})
                listed_number = 12
                def listed_function(): pass""");
        List<VariableInfo> variables = await(engine().variables());
        assertThat(variables).extracting(VariableInfo::name)
                .contains("listed_frame", "listed_number")
                .doesNotContain("pd", "listed_function", "In", "Out", "get_ipython", "codeact_support");
        VariableInfo frame = variables.stream().filter(v -> v.name().equals("listed_frame")).findFirst().orElseThrow();
        assertThat(frame.type()).isEqualTo("DataFrame");
        assertThat(frame.isTable()).isTrue();
        assertThat(frame.shape()).isEqualTo("3 \u00d7 2");
        assertThat(frame.bytes()).isPositive();
        VariableInfo number = variables.stream().filter(v -> v.name().equals("listed_number")).findFirst().orElseThrow();
        assertThat(number.type()).isEqualTo("int");
        assertThat(number.summary()).isEqualTo("12");
    }

    @Test
    void tablePagesKeepEachColumnsType() {
        runOk("""
                import pandas as pd, numpy as np
                mixed = pd.DataFrame({
                    'count': [10, 20, 30, 40],
                    'price': [1.5, np.nan, 3.25, 4.0],
                    'name': ['ant', None, 'cat', 'dog'],
                    'when': pd.to_datetime(['2024-01-02', None, '2024-03-04 05:06:07', '2024-12-31']),
                    'kind': pd.Categorical(['a', 'b', 'a', 'b']),
                    'flag': [True, False, True, False],
                }, index=['w', 'x', 'y', 'z'])""");
        TablePage page = await(engine().readTable(TableQuery.page("mixed", 1, 2)));
        assertThat(page.totalRows()).isEqualTo(4);
        assertThat(page.offset()).isEqualTo(1);
        assertThat(page.index()).containsExactly("x", "y");
        assertThat(page.columns()).extracting(TableColumn::name).containsExactly("count", "price", "name", "when", "kind", "flag");
        assertThat(page.columns().get(0)).isInstanceOfSatisfying(TableColumn.Ints.class, c -> assertThat(c.values()).containsExactly(20, 30));
        assertThat(page.columns().get(1)).isInstanceOfSatisfying(TableColumn.Floats.class, c -> {
            assertThat(c.valueAt(0)).isNull();
            assertThat(c.valueAt(1)).isEqualTo(3.25);
        });
        assertThat(page.columns().get(2)).isInstanceOfSatisfying(TableColumn.Texts.class, c -> assertThat(c.values()).containsExactly(null, "cat"));
        assertThat(page.columns().get(3)).isInstanceOfSatisfying(TableColumn.DateTimes.class, c -> {
            assertThat(c.valueAt(0)).isNull();
            assertThat(c.valueAt(1)).isEqualTo(java.time.Instant.parse("2024-03-04T05:06:07Z"));
        });
        assertThat(page.columns().get(4)).isInstanceOfSatisfying(TableColumn.Texts.class, c -> {
            assertThat(c.dtype()).isEqualTo("category");
            assertThat(c.values()).containsExactly("b", "a");
        });
        assertThat(page.columns().get(5)).isInstanceOfSatisfying(TableColumn.Bools.class, c -> assertThat(c.values()).containsExactly(false, true));
    }

    @Test
    void tablePagesSortInPython() {
        runOk("import pandas as pd\nsortable = pd.DataFrame({'v': [3, 1, 2], 'w': ['c', 'a', 'b']})");
        TablePage page = await(engine().readTable(new TableQuery("sortable", 0, 10, "v", false)));
        assertThat(page.columns().get(1)).isInstanceOfSatisfying(TableColumn.Texts.class, c -> assertThat(c.values()).containsExactly("c", "b", "a"));
        assertThat(page.index()).containsExactly("0", "2", "1");
    }

    @Test
    void readingATableThatIsNotADataFrameFails() {
        runOk("not_a_frame = 5");
        assertThatThrownBy(() -> engine().readTable(TableQuery.page("not_a_frame", 0, 10)).get(WAIT_SECONDS, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(EngineException.class).hasMessageContaining("not a DataFrame");
        assertThatThrownBy(() -> engine().readTable(TableQuery.page("never_defined", 0, 10)).get(WAIT_SECONDS, TimeUnit.SECONDS))
                .cause().isInstanceOf(EngineException.class).hasMessageContaining("never_defined");
    }

    @Test
    void restartClearsTheNamespaceAndTheEngineRunsAgain() {
        runOk("gone_after_restart = 1");
        List<EngineEvent> events = new CopyOnWriteArrayList<>();
        EngineListener listener = events::add;
        engine().addListener(listener);
        try {
            engine().restart();
        } finally {
            engine().removeListener(listener);
        }
        assertThat(engine().state()).isEqualTo(EngineState.IDLE);
        assertThat(plain(runOk("'gone_after_restart' in dir()"))).isEqualTo("False");
        assertThat(events).anyMatch(EngineEvent.Restarted.class::isInstance);
        // the shared helpers are back: figures and table schema still work after a restart
        assertThat(runOk("import pandas as pd\npd.DataFrame({'a': [1]})").result().orElseThrow().data().has(MimeBundle.TABLE_SCHEMA)).isTrue();
    }

    @Test
    void aThrowingListenerDoesNotSilenceTheOthers() throws Exception {
        List<EngineEvent> heard = new CopyOnWriteArrayList<>();
        CountDownLatch idleAgain = new CountDownLatch(1);
        EngineListener failing = event -> {
            throw new IllegalStateException("a listener that fails on purpose");
        };
        EngineListener recording = event -> {
            heard.add(event);
            if (event.equals(new EngineEvent.StateChanged(EngineState.IDLE))) {
                idleAgain.countDown();
            }
        };
        engine().addListener(failing); // first, so that it is told first
        engine().addListener(recording);
        try {
            runOk("'heard by the second listener'");
            assertThat(idleAgain.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("the second listener heard IDLE; it heard %s", heard).isTrue();
        } finally {
            engine().removeListener(failing);
            engine().removeListener(recording);
        }
        assertThat(heard).contains(new EngineEvent.StateChanged(EngineState.BUSY));
    }

    @Test
    void infoNamesTheInterpreter() {
        EngineInfo info = engine().info();
        assertThat(info.kind()).isEqualTo(engine().kind());
        assertThat(info.version()).startsWith("3.");
        assertThat(info.startMillis()).isPositive();
    }

    /** Helper for engine-specific tests: decodes a base64 PNG's width from its header. */
    protected static int pngWidth(String base64) {
        byte[] png = Base64.getMimeDecoder().decode(base64);
        return ((png[16] & 0xff) << 24) | ((png[17] & 0xff) << 16) | ((png[18] & 0xff) << 8) | (png[19] & 0xff);
    }
}
