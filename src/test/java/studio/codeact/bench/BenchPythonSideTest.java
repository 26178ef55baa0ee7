package studio.codeact.bench;

import org.junit.jupiter.api.Test;
import studio.codeact.engine.PythonLocator;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The harness's Python tests ({@code src/test/python/test_bench_*.py}), run as Python with the app's interpreter. */
class BenchPythonSideTest {

    @Test
    void harnessPythonUnitTestsPass() throws Exception {
        Path python = PythonLocator.choose(null);
        Process process = new ProcessBuilder(python.toString(), "-m", "unittest", "discover", "-s", "src/test/python",
                "-p", "test_bench_*.py")
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("OK");
    }
}
