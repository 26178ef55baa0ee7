package studio.codeact.bench;

import org.junit.jupiter.api.Test;
import studio.codeact.testing.PythonTests;

/** Runs the bench harness's own Python tests ({@code src/test/python/test_bench_*.py}) with the app's interpreter. */
class BenchPythonSideTest {

    @Test
    void harnessPythonUnitTestsPass() {
        PythonTests.discover("test_bench_*.py");
    }
}
