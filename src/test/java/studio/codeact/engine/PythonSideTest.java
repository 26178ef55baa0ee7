package studio.codeact.engine;

import org.junit.jupiter.api.Test;
import studio.codeact.testing.PythonTests;

/**
 * Runs the Python tests of the shared helpers ({@code src/test/python/test_codeact_support*.py}; the embedded
 * engine runs its own through {@code run_embedded_tests.py}), as Python, with the interpreter the app uses.
 */
class PythonSideTest {

    @Test
    void pythonUnitTestsPass() {
        PythonTests.discover("test_codeact_support*.py");
    }
}
