package studio.codeact.engine.embedded;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import studio.codeact.engine.EngineConfig;
import studio.codeact.engine.ExecutionRequest;
import studio.codeact.engine.ExecutionResult;
import studio.codeact.engine.ExecutionStatus;
import studio.codeact.engine.OutputListener;
import studio.codeact.engine.PythonLocator;
import studio.codeact.engine.VariableInfo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A second test class with its own embedded engines, in the same JVM as the others: one
 * interpreter per process, a shell per engine, so engines do not see each other's state.
 */
class SecondEmbeddedEngineTest {

    private static final long WAIT_SECONDS = 60;

    private static EmbeddedEngine first;
    private static EmbeddedEngine second;
    private static Path secondFolder;

    @BeforeAll
    static void startTwoEngines() throws Exception {
        secondFolder = Files.createTempDirectory("codeact-second-engine-");
        first = new EmbeddedEngine(EngineConfig.of(PythonLocator.choose(null)));
        second = new EmbeddedEngine(EngineConfig.of(PythonLocator.choose(null)).withWorkingDirectory(secondFolder));
        first.start();
        second.start();
    }

    @AfterAll
    static void closeEngines() {
        first.close();
        second.close();
    }

    private static ExecutionResult run(EmbeddedEngine engine, String code) {
        return engine.execute(ExecutionRequest.of(code), OutputListener.NONE).orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
    }

    private static String value(EmbeddedEngine engine, String code) {
        ExecutionResult result = run(engine, code);
        assertThat(result.status()).as("%s: %s", code, result.error()).isEqualTo(ExecutionStatus.OK);
        return result.result().orElseThrow().data().text();
    }

    @Test
    void eachEngineHasItsOwnNamespace() {
        run(first, "owner = 'first'");
        run(second, "owner = 'second'");
        assertThat(value(first, "owner")).isEqualTo("'first'");
        assertThat(value(second, "owner")).isEqualTo("'second'");
        run(second, "only_in_second = 1");
        assertThat(first.variables().join()).extracting(VariableInfo::name).doesNotContain("only_in_second");
    }

    @Test
    void eachEngineCountsItsOwnCells() {
        int firstCount = run(first, "1").executionCount();
        run(second, "2");
        run(second, "3");
        assertThat(run(first, "4").executionCount()).isEqualTo(firstCount + 1);
    }

    @Test
    void eachEngineRunsInItsOwnFolderAndTheJvmKeepsItsOwn() throws Exception {
        Path jvmFolder = Path.of("/proc/self/cwd").toRealPath();
        assertThat(value(second, "import os; os.getcwd()")).isEqualTo("'" + secondFolder.toRealPath() + "'");
        assertThat(Path.of("/proc/self/cwd").toRealPath()).as("the process's folder once the cell is done").isEqualTo(jvmFolder);
        assertThat(value(first, "import os; os.getcwd()")).isEqualTo("'" + Path.of("").toAbsolutePath().toRealPath() + "'");
    }

    @Test
    void interruptingOneEngineLeavesTheOtherAlone() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<ExecutionResult> sleeping = second.execute(
                ExecutionRequest.of("print('s', flush=True)\nimport time\ntime.sleep(0.5)\n'slept'"), output -> started.countDown());
        assertThat(started.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        first.interrupt();
        assertThat(sleeping.get(WAIT_SECONDS, TimeUnit.SECONDS).result().orElseThrow().data().text()).isEqualTo("'slept'");
    }

    @Test
    void figuresAndTablesWorkInBoth() {
        for (EmbeddedEngine engine : new EmbeddedEngine[] {first, second}) {
            ExecutionResult figure = run(engine, "import matplotlib.pyplot as plt\nplt.plot([1, 2])\nplt.show()");
            assertThat(figure.outputs()).anyMatch(o -> o instanceof studio.codeact.engine.Output.Display d && d.data().png().isPresent());
            ExecutionResult table = run(engine, "import pandas as pd\npd.DataFrame({'a': [1]})");
            assertThat(table.result().orElseThrow().data().has(studio.codeact.engine.MimeBundle.TABLE_SCHEMA)).isTrue();
        }
    }

    @Test
    void aClosedEngineRunsNothing() {
        EmbeddedEngine closed = new EmbeddedEngine(EngineConfig.of(PythonLocator.choose(null)));
        closed.start();
        closed.close();
        assertThat(closed.execute(ExecutionRequest.of("1"), OutputListener.NONE).join().status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(value(first, "'the others go on'")).isEqualTo("'the others go on'");
    }
}
