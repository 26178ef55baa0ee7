package studio.codeact.engine.embedded;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import studio.codeact.engine.EngineConfig;
import studio.codeact.engine.EngineEvent;
import studio.codeact.engine.EngineState;
import studio.codeact.engine.ExecutionRequest;
import studio.codeact.engine.ExecutionResult;
import studio.codeact.engine.ExecutionStatus;
import studio.codeact.engine.Output;
import studio.codeact.engine.OutputListener;
import studio.codeact.engine.PythonLocator;
import studio.codeact.engine.TableColumn;
import studio.codeact.engine.TablePage;
import studio.codeact.engine.TableQuery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What the embedded engine does beyond the shared contract: guarding the JVM it lives in. */
class EmbeddedEngineTest {

    private static final long WAIT_SECONDS = 60;
    private static final String REFUSAL = "exiting the interpreter is not allowed in the embedded engine; the session continues";

    private static EmbeddedEngine engine;

    @BeforeAll
    static void startEngine() {
        engine = new EmbeddedEngine(EngineConfig.of(PythonLocator.choose(null)));
        engine.start();
    }

    @AfterAll
    static void closeEngine() {
        engine.close();
    }

    private static ExecutionResult run(EmbeddedEngine target, ExecutionRequest request) {
        return target.execute(request, OutputListener.NONE).orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
    }

    private static ExecutionResult run(String code) {
        return run(engine, ExecutionRequest.of(code));
    }

    private static String value(ExecutionResult result) {
        assertThat(result.status()).as("status; error %s", result.error()).isEqualTo(ExecutionStatus.OK);
        return result.result().orElseThrow().data().text();
    }

    /**
     * Starts {@code endless}, waits for its first output, interrupts, and checks it stopped with
     * KeyboardInterrupt. How fast it stops is a figure of {@code codeact perf} (interrupt_ms).
     */
    private static void assertInterruptStops(String endless) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<ExecutionResult> running = engine.execute(
                ExecutionRequest.of("print('go', flush=True)\n" + endless), output -> started.countDown());
        assertThat(started.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        engine.interrupt();
        ExecutionResult result = running.get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(result.status()).isEqualTo(ExecutionStatus.ERROR);
        assertThat(result.error().orElseThrow().ename()).isEqualTo("KeyboardInterrupt");
        assertThat(String.join("\n", result.error().orElseThrow().traceback())).doesNotContain("codeact_");
    }

    @Test
    void interruptStopsABusyLoop() throws Exception {
        run("kept_by_busy_loop = 1");
        assertInterruptStops("while True:\n    pass");
        assertThat(value(run("kept_by_busy_loop + 1"))).isEqualTo("2");
    }

    @Test
    void interruptStopsASleep() throws Exception {
        run("kept_by_sleep = 1");
        assertInterruptStops("import time\ntime.sleep(1000)");
        assertThat(value(run("kept_by_sleep + 1"))).isEqualTo("2");
    }

    @Test
    void closingWhileCellsStartLeavesTheEngineClosed() {
        for (int round = 0; round < 8; round++) {
            EmbeddedEngine closing = new EmbeddedEngine(EngineConfig.of(PythonLocator.choose(null)));
            List<EngineEvent> news = new CopyOnWriteArrayList<>();
            closing.addListener(news::add);
            closing.start();
            List<CompletableFuture<ExecutionResult>> cells = new ArrayList<>();
            for (int cell = 0; cell < 4; cell++) {
                cells.add(closing.execute(ExecutionRequest.of("sum(range(20000))"), OutputListener.NONE));
            }
            closing.close();

            for (CompletableFuture<ExecutionResult> cell : cells) {
                ExecutionResult result = cell.orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
                assertThat(result.status()).as("round %d", round).isIn(ExecutionStatus.OK, ExecutionStatus.ABORTED, ExecutionStatus.ERROR);
            }
            assertThat(closing.state()).as("round %d", round).isEqualTo(EngineState.CLOSED);
            assertThat(news.getLast()).as("round %d: %s", round, news).isEqualTo(new EngineEvent.StateChanged(EngineState.CLOSED));
            assertThat(run(closing, ExecutionRequest.of("1")).status()).isEqualTo(ExecutionStatus.ABORTED);
        }
    }

    @Test
    void anInterruptRightAfterSubmittingStopsTheCell() throws Exception {
        CompletableFuture<ExecutionResult> running = engine.execute(ExecutionRequest.of("while True:\n    pass"), OutputListener.NONE);
        engine.interrupt();
        ExecutionResult result;
        try {
            result = running.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            engine.interrupt();
            throw new AssertionError("the cell did not stop", e);
        }
        assertThat(result.error().orElseThrow().ename()).isEqualTo("KeyboardInterrupt");
        assertThat(String.join("\n", result.error().orElseThrow().traceback())).doesNotContain("codeact_");
    }

    @Test
    void timeoutStopsASleep() {
        ExecutionResult result = run(engine, ExecutionRequest.of("import time\ntime.sleep(1000)").withTimeout(Duration.ofSeconds(1)));
        assertThat(result.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
        assertThat(result.error().orElseThrow().ename()).isEqualTo("KeyboardInterrupt");
        assertThat(result.note()).contains("interrupted").contains("1 s");
        assertThat(result.elapsed()).as("the cell ran until its limit").isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(value(run("'after the timeout'"))).isEqualTo("'after the timeout'");
    }

    @Test
    void aCellThatCatchesTheInterruptIsInterruptedAgainAfterTheGraceTime() throws Exception {
        EngineConfig config = new EngineConfig(PythonLocator.choose(null), null, 0, Optional.empty(), Duration.ofMillis(300));
        try (EmbeddedEngine stubborn = new EmbeddedEngine(config)) {
            stubborn.start();
            CountDownLatch started = new CountDownLatch(1);
            CompletableFuture<ExecutionResult> running = stubborn.execute(ExecutionRequest.of("""
                    caught = 0
                    while True:
                        try:
                            print('go', flush=True)  # inside the try: the test interrupts once it sees this
                            while True:
                                pass
                        except KeyboardInterrupt:
                            caught += 1
                            if caught == 3:
                                raise"""), output -> started.countDown());
            assertThat(started.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            stubborn.interrupt();
            ExecutionResult result;
            try {
                result = running.get(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("the cell was not interrupted again", e);
            }
            assertThat(result.error().orElseThrow().ename()).isEqualTo("KeyboardInterrupt");
            assertThat(value(run(stubborn, ExecutionRequest.of("caught")))).isEqualTo("3");
        }
    }

    @Test
    void interruptWakesACellWaitingForInput() throws Exception {
        CountDownLatch asked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        engine.setStdinHandler((prompt, password) -> {
            asked.countDown();
            try {
                release.await(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Optional.of("too late");
        });
        try {
            CompletableFuture<ExecutionResult> running = engine.execute(ExecutionRequest.of("input('name? ')"), OutputListener.NONE);
            assertThat(asked.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            engine.interrupt();
            release.countDown();
            ExecutionResult result = running.get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(result.error()).as("%s %s %s", result.status(), result.outputs(), result.note()).isPresent();
            assertThat(result.error().orElseThrow().ename()).isEqualTo("KeyboardInterrupt");
        } finally {
            engine.setStdinHandler(null);
        }
        assertThat(value(run("'asks again'"))).isEqualTo("'asks again'");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "exit()", "quit()", "import sys\nsys.exit(0)", "import os\nos._exit(1)", "import os\nos.abort()",
            "import os, signal\nos.kill(os.getpid(), signal.SIGTERM)", "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)",
            "import os, signal\nos.kill(0, signal.SIGINT)", "import os, signal\nos.killpg(os.getpgrp(), signal.SIGHUP)",
            "import signal\nsignal.raise_signal(signal.SIGQUIT)", "import os\nos.execv('/bin/true', ['true'])"})
    void exitAttemptsAreRefusedAndTheSessionGoesOn(String code) {
        run("survivor = 'alive'");
        ExecutionResult refused = run(code);
        assertThat(refused.status()).isEqualTo(ExecutionStatus.ERROR);
        Output.Error error = refused.error().orElseThrow();
        assertThat(error.ename()).isEqualTo("ExitNotAllowed");
        assertThat(error.evalue()).isEqualTo(REFUSAL);
        assertThat(refused.streamText(Output.StreamName.STDERR)).as("no IPython exit hint").isEmpty();
        assertThat(value(run("survivor"))).isEqualTo("'alive'");
        assertThat(ProcessHandle.current().isAlive()).isTrue();
    }

    @Test
    void childProcessesWork() {
        ExecutionResult result = run(engine, ExecutionRequest.of("""
                from multiprocessing import Pool
                with Pool(2) as pool:
                    print(pool.map(abs, [-1, -2, -3]))
                import subprocess, sys
                print(subprocess.run([sys.executable, '-c', 'print(6 * 7)'], capture_output=True, text=True).stdout, end='')""")
                .withTimeout(Duration.ofSeconds(60)));
        assertThat(result.status()).as("%s", result.error()).isEqualTo(ExecutionStatus.OK);
        assertThat(result.stdout()).isEqualTo("[1, 2, 3]\n42\n");
    }

    @Test
    void anImpossibleNumpyAllocationIsAMemoryError() {
        ExecutionResult result = run("import numpy\nnumpy.ones(10**12)");
        assertThat(result.status()).isEqualTo(ExecutionStatus.ERROR);
        assertThat(result.error().orElseThrow().ename()).endsWith("MemoryError");
        assertThat(result.error().orElseThrow().evalue()).contains("Unable to allocate");
        assertThat(value(run("'still here'"))).isEqualTo("'still here'");
    }

    @Test
    void aCellGrowingPastTheMemoryCeilingIsStopped() {
        long ceiling = 400L << 20; // growth above the idle footprint
        try (EmbeddedEngine bounded = new EmbeddedEngine(EngineConfig.of(PythonLocator.choose(null)).withMemoryLimit(ceiling))) {
            bounded.start();
            ExecutionResult grown = run(bounded, ExecutionRequest.of("hog = []\nwhile True:\n    hog.append(b'x' * 10**7)"));
            assertThat(grown.status()).isEqualTo(ExecutionStatus.ERROR);
            Output.Error error = grown.error().orElseThrow();
            assertThat(error.ename()).isEqualTo("MemoryError");
            assertThat(error.evalue()).contains("memory ceiling");
            assertThat(grown.note()).contains("memory ceiling");
            assertThat(String.join("\n", error.traceback())).doesNotContain("codeact_");
            // the namespace survives: the user can look at what was kept and free it
            assertThat(value(run(bounded, ExecutionRequest.of("len(hog) > 10")))).isEqualTo("True");
            assertThat(run(bounded, ExecutionRequest.of("del hog")).ok()).isTrue();
            assertThat(value(run(bounded, ExecutionRequest.of("sum(range(10))")))).isEqualTo("45");
        }
        assertThat(value(run("'other engines are unaffected'"))).isEqualTo("'other engines are unaffected'");
    }

    @Test
    void restartGivesAFreshNamespaceAndCountButKeepsTheProcess() {
        try (EmbeddedEngine restarted = new EmbeddedEngine(EngineConfig.of(PythonLocator.choose(null)))) {
            restarted.start();
            run(restarted, ExecutionRequest.of("import os\nbefore_restart = os.getpid()"));
            run(restarted, ExecutionRequest.of("import matplotlib.pyplot as plt\nfig = plt.figure()"));
            restarted.restart();
            assertThat(restarted.state()).isEqualTo(EngineState.IDLE);
            ExecutionResult fresh = run(restarted, ExecutionRequest.of("'before_restart' in dir(), __import__('os').getpid() == "
                    + ProcessHandle.current().pid() + ", len(__import__('matplotlib.pyplot').pyplot.get_fignums())"));
            assertThat(value(fresh)).isEqualTo("(False, True, 0)");
            assertThat(fresh.executionCount()).isEqualTo(1);
        }
    }

    @Test
    void restartAbortsQueuedCellsAndInterruptsTheRunningOne() throws Exception {
        try (EmbeddedEngine restarted = new EmbeddedEngine(EngineConfig.of(PythonLocator.choose(null)))) {
            restarted.start();
            CountDownLatch started = new CountDownLatch(1);
            CompletableFuture<ExecutionResult> sleeping = restarted.execute(
                    ExecutionRequest.of("print('z', flush=True)\nimport time\ntime.sleep(1000)"), output -> started.countDown());
            CompletableFuture<ExecutionResult> queued = restarted.execute(ExecutionRequest.of("'never runs'"), OutputListener.NONE);
            assertThat(started.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            restarted.restart();
            assertThat(sleeping.get(WAIT_SECONDS, TimeUnit.SECONDS).error().orElseThrow().ename()).isEqualTo("KeyboardInterrupt");
            assertThat(queued.get(WAIT_SECONDS, TimeUnit.SECONDS).status()).isEqualTo(ExecutionStatus.ABORTED);
        }
    }

    @Test
    void aPageOfMixedColumnsIsReadFromMemory() {
        assertThat(run("""
                import pandas as pd, numpy as np
                page_source = pd.DataFrame({
                    'ints': np.arange(6, dtype='int64') * 10,
                    'floats': [0.5, np.nan, 2.5, np.inf, -1.0, 3.0],
                    'texts': ['a', None, 'c', 'ü', 'e', 'f'],
                    'times': pd.to_datetime(['2020-01-01', None, '1969-12-31 23:59:59', '2024-02-29 12:00', '2000-01-01', '2001-01-01']),
                    'cats': pd.Categorical(['x', 'y', None, 'x', 'y', 'x']),
                    'flags': [True, False, False, True, True, False],
                    'small': np.arange(6, dtype='uint8'),
                })""").ok()).isTrue();
        TablePage page = engine.readTable(TableQuery.page("page_source", 1, 4)).orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
        assertThat(page.totalRows()).isEqualTo(6);
        assertThat(page.index()).containsExactly("1", "2", "3", "4");
        assertThat(page.columns().get(0)).isInstanceOfSatisfying(TableColumn.Ints.class, c -> assertThat(c.values()).containsExactly(10, 20, 30, 40));
        assertThat(page.columns().get(1)).isInstanceOfSatisfying(TableColumn.Floats.class, c -> {
            assertThat(c.valueAt(0)).isNull();
            assertThat(c.values()[1]).isEqualTo(2.5);
            assertThat(c.values()[2]).isInfinite();
        });
        assertThat(page.columns().get(2)).isInstanceOfSatisfying(TableColumn.Texts.class, c -> assertThat(c.values()).containsExactly(null, "c", "ü", "e"));
        assertThat(page.columns().get(3)).isInstanceOfSatisfying(TableColumn.DateTimes.class, c -> {
            assertThat(c.valueAt(0)).isNull();
            assertThat(c.valueAt(1)).isEqualTo(Instant.parse("1969-12-31T23:59:59Z"));
            assertThat(c.valueAt(2)).isEqualTo(Instant.parse("2024-02-29T12:00:00Z"));
        });
        assertThat(page.columns().get(4)).isInstanceOfSatisfying(TableColumn.Texts.class, c -> assertThat(c.values()).containsExactly("y", null, "x", "y"));
        assertThat(page.columns().get(5)).isInstanceOfSatisfying(TableColumn.Bools.class, c -> assertThat(c.values()).containsExactly(false, false, true, true));
        assertThat(page.columns().get(6)).isInstanceOfSatisfying(TableColumn.Ints.class, c -> {
            assertThat(c.dtype()).isEqualTo("uint8");
            assertThat(c.values()).containsExactly(1, 2, 3, 4);
        });
    }

    @Test
    void stagesAddedToAResultRunOnTheEventThreadNeverOnPythons() {
        for (OutputListener listener : new OutputListener[] {OutputListener.NONE, output -> { }}) {
            CompletableFuture<ExecutionResult> cell = engine.execute(ExecutionRequest.of("import time\ntime.sleep(0.2)\n1"), listener);
            CompletableFuture<String> before = cell.thenApply(result -> Thread.currentThread().getName());
            cell.join();
            CompletableFuture<String> after = cell.thenApply(result -> Thread.currentThread().getName());
            assertThat(before.join()).isEqualTo(EventThread.NAME);
            assertThat(after.join()).isEqualTo(EventThread.NAME);
        }
        CompletableFuture<?> variables = engine.variables();
        variables.join();
        assertThat(variables.thenApply(v -> Thread.currentThread().getName()).join()).isEqualTo(EventThread.NAME);
    }

    @Test
    void anEmptyPageHasColumnsButNoRows() {
        run("import pandas as pd\nempty_page = pd.DataFrame({'a': [1, 2], 'b': ['x', 'y']})");
        TablePage page = engine.readTable(TableQuery.page("empty_page", 5, 10)).orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
        assertThat(page.rowCount()).isZero();
        assertThat(page.columns()).extracting(TableColumn::size).containsExactly(0, 0);
    }

    @Test
    void textLeftInTheBufferArrivesWhileTheCellBlocks(@TempDir Path folder) throws Exception {
        Path go = folder.resolve("go-on");
        CountDownLatch second = new CountDownLatch(1);
        CompletableFuture<ExecutionResult> running = engine.execute(ExecutionRequest.of(
                "print('one')\nprint('two')\n" + waitForFile(go)), output -> {
                    if (output instanceof Output.Stream stream && stream.text().contains("two")) {
                        second.countDown();
                    }
                });
        // 'two' follows 'one' within the batching interval; Python's helper thread sends it while the cell blocks
        assertThat(second.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(running).isNotDone();
        Files.writeString(go, "");
        assertThat(running.get(WAIT_SECONDS, TimeUnit.SECONDS).stdout()).isEqualTo("one\ntwo\n");
    }

    /** Python that blocks until {@code file} exists: the test decides when a cell ends, not a clock. */
    private static String waitForFile(Path file) {
        return "import os, time\nwhile not os.path.exists(" + pythonString(file.toString()) + "):\n    time.sleep(0.02)\n";
    }

    private static String pythonString(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    @Test
    void manyInterruptsAtRandomMomentsLeaveTheEngineWorking() throws Exception {
        java.util.Random random = new java.util.Random(7);
        String[] cells = {"while True:\n    pass", "import time\ntime.sleep(1000)", "sum(range(10**6))", "x = 1", "print('p')"};
        for (int round = 0; round < 30; round++) {
            CompletableFuture<ExecutionResult> running = engine.execute(ExecutionRequest.of(cells[round % cells.length]), OutputListener.NONE);
            Thread.sleep(random.nextInt(30));
            engine.interrupt();
            ExecutionResult result;
            try {
                result = running.get(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                engine.interrupt(); // free the interpreter for the other tests
                throw new AssertionError("round " + round + ": the cell did not stop", e);
            }
            if (result.status() != ExecutionStatus.OK) {
                assertThat(result.error().orElseThrow().ename()).as("round %d", round).isEqualTo("KeyboardInterrupt");
            }
            assertThat(result.outputs()).as("round %d: one error at most", round).filteredOn(Output.Error.class::isInstance).hasSizeLessThanOrEqualTo(1);
            assertThat(result.streamText(Output.StreamName.STDERR)).as("round %d", round).doesNotContain("KeyboardInterrupt");
        }
        assertThat(value(run("'still working'"))).isEqualTo("'still working'");
    }

    @Test
    void streamsArriveWhileALongLoopPrints(@TempDir Path folder) throws Exception {
        Path go = folder.resolve("go-on");
        CountDownLatch firstLine = new CountDownLatch(1);
        CompletableFuture<ExecutionResult> running = engine.execute(ExecutionRequest.of(
                "import time\nfor i in range(30):\n    print(i)\n    time.sleep(0.01)\n" + waitForFile(go)), output -> firstLine.countDown());
        assertThat(firstLine.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("the first line arrives before the cell ends").isTrue();
        assertThat(running).isNotDone();
        Files.writeString(go, "");
        assertThat(running.get(WAIT_SECONDS, TimeUnit.SECONDS).stdout()).startsWith("0\n1\n2\n").endsWith("29\n");
    }
}
