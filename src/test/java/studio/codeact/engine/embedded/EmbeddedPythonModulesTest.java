package studio.codeact.engine.embedded;

import org.junit.jupiter.api.Test;
import studio.codeact.engine.PythonLocator;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded engine's Python modules, tested as Python: {@code src/test/python/test_codeact_embedded*.py}
 * run in the configured interpreter, with Python standing in for Java's upcalls.
 */
class EmbeddedPythonModulesTest {

    @Test
    void pythonUnitTestsPass() throws Exception {
        Path runner = Path.of("src/test/python/run_embedded_tests.py").toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder(PythonLocator.choose(null).toString(), runner.toString()).redirectErrorStream(true);
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        builder.environment().remove("MPLBACKEND");
        Process python = builder.start();
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor(5, TimeUnit.MINUTES)).isTrue();
        System.out.println(output);
        assertThat(python.exitValue()).as(output).isZero();
        assertThat(output).contains("OK");
    }
}
