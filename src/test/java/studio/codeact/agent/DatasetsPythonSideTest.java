package studio.codeact.agent;

import org.junit.jupiter.api.Test;
import studio.codeact.testing.PythonTests;

/** Runs the Python tests of {@code agent/datasets.py} ({@code src/test/python/test_datasets*.py}) with the app's interpreter. */
class DatasetsPythonSideTest {

    @Test
    void datasetsPythonUnitTestsPass() {
        PythonTests.discover("test_datasets*.py");
    }
}
