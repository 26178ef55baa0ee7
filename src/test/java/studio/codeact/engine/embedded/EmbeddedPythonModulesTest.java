package studio.codeact.engine.embedded;

import org.junit.jupiter.api.Test;
import studio.codeact.testing.PythonTests;

import java.nio.file.Path;

/**
 * The embedded engine's Python modules, tested as Python: {@code src/test/python/test_codeact_embedded*.py}
 * run in the configured interpreter, with Python standing in for Java's upcalls.
 */
class EmbeddedPythonModulesTest {

    @Test
    void pythonUnitTestsPass() {
        PythonTests.run(Path.of("src/test/python/run_embedded_tests.py").toAbsolutePath().toString());
    }
}
