package studio.codeact.engine;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the Python tests of the shared helpers ({@code src/test/python/test_codeact_support*.py}; the embedded
 * engine runs its own through {@code run_embedded_tests.py}),
 * as Python, with the interpreter the app uses.
 */
class PythonSideTest {

    @Test
    void pythonUnitTestsPass() throws Exception {
        Path python = PythonLocator.choose(null);
        Process process = new ProcessBuilder(python.toString(), "-m", "unittest", "discover", "-s", "src/test/python", "-p", "test_codeact_support*.py")
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("OK");
    }
}
