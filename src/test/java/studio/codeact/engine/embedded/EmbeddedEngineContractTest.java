package studio.codeact.engine.embedded;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import studio.codeact.engine.EngineConfig;
import studio.codeact.engine.EngineContractTest;
import studio.codeact.engine.PythonEngine;
import studio.codeact.engine.PythonLocator;

/** The shared engine contract, run against CPython embedded in this JVM. */
class EmbeddedEngineContractTest extends EngineContractTest {

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

    @Override
    protected PythonEngine engine() {
        return engine;
    }
}
