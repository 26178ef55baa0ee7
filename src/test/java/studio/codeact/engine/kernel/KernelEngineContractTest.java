package studio.codeact.engine.kernel;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import studio.codeact.engine.EngineConfig;
import studio.codeact.engine.EngineContractTest;
import studio.codeact.engine.PythonEngine;
import studio.codeact.engine.PythonLocator;

/** The shared engine contract, run against a real ipykernel. */
class KernelEngineContractTest extends EngineContractTest {

    private static KernelEngine engine;

    @BeforeAll
    static void startKernel() {
        engine = new KernelEngine(EngineConfig.of(PythonLocator.choose(null)));
        engine.start();
    }

    @AfterAll
    static void closeKernel() {
        if (engine != null) {
            engine.close();
        }
        // the restarts in the suite and the close above leave no kernel process behind
        KernelTestSupport.assertNoKernelProcessLeft();
    }

    @Override
    protected PythonEngine engine() {
        return engine;
    }
}
