package studio.codeact.engine.kernel;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import studio.codeact.engine.EngineState;
import studio.codeact.engine.ExecutionRequest;
import studio.codeact.engine.ExecutionResult;
import studio.codeact.engine.ExecutionStatus;
import studio.codeact.engine.OutputListener;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static studio.codeact.engine.kernel.KernelTestSupport.config;
import static studio.codeact.engine.kernel.KernelTestSupport.run;
import static studio.codeact.engine.kernel.KernelTestSupport.value;

/**
 * With a memory limit, the kernel's resident memory may grow by that much above its idle
 * footprint ({@code codeact_support.MemoryGuard}); a far bigger single allocation fails on the
 * address-space backstop.
 */
class KernelMemoryLimitTest {

    private static final long LIMIT = 300L << 20;

    @AfterAll
    static void noKernelIsLeft() {
        KernelTestSupport.assertNoKernelProcessLeft();
    }

    @Test
    void theCeilingIsTheGrowthAboveTheIdleFootprint() throws Exception {
        try (KernelEngine engine = new KernelEngine(config().withMemoryLimit(LIMIT))) {
            engine.start();
            assertThat(engine.info().details().get("command")).contains("--as=" + LaunchCommand.addressSpaceCap(LIMIT));
            assertThat(value(run(engine, "__import__('codeact_support').MemoryGuard._started.limit"))).isEqualTo(Long.toString(LIMIT));
            assertThat(value(run(engine, "'pandas' in __import__('sys').modules"))).as("the footprint counts the libraries").isEqualTo("True");
            // more than the ceiling in all, freed as it goes: never stopped
            assertThat(run(engine, "for _ in range(20):\n    block = bytearray(50 * 1024 ** 2)\ndel block").ok()).isTrue();
        }
    }

    @Test
    void aCellThatKeepsGrowingStopsAtTheLimitAndTheKernelGoesOn() throws Exception {
        try (KernelEngine engine = new KernelEngine(config().withMemoryLimit(LIMIT))) {
            engine.start();
            ExecutionResult growing = engine.execute(ExecutionRequest.of("""
                    hogs = []
                    while True:
                        hogs.append(bytearray(10 * 1024 ** 2))"""), OutputListener.NONE).get(60, TimeUnit.SECONDS);
            assertThat(growing.status()).isIn(ExecutionStatus.ERROR, ExecutionStatus.DIED);
            if (growing.status() == ExecutionStatus.ERROR) {
                assertThat(growing.error().orElseThrow().ename()).isEqualTo("MemoryError");
                assertThat(value(run(engine, "del hogs\n1 + 1"))).isEqualTo("2");
            } else {
                assertGoesOnAfterDeath(engine);
            }
        }
    }

    @Test
    void numpyArraysPastTheLimitFailToo() throws Exception {
        try (KernelEngine engine = new KernelEngine(config().withMemoryLimit(LIMIT))) {
            engine.start();
            ExecutionResult big = engine.execute(ExecutionRequest.of("import numpy as np\nhog = np.ones((50_000, 50_000))"),
                    OutputListener.NONE).get(30, TimeUnit.SECONDS);
            assertThat(big.status()).isIn(ExecutionStatus.ERROR, ExecutionStatus.DIED);
            if (big.status() == ExecutionStatus.ERROR) {
                assertThat(big.error().orElseThrow().ename()).isIn("MemoryError", "_ArrayMemoryError");
            } else {
                assertGoesOnAfterDeath(engine);
            }
        }
    }

    /** A kernel killed for its memory is reported DEAD, and a restart brings back one that runs cells under the same limit. */
    private static void assertGoesOnAfterDeath(KernelEngine engine) {
        assertThat(engine.state()).isEqualTo(EngineState.DEAD);
        engine.restart();
        assertThat(engine.state()).isEqualTo(EngineState.IDLE);
        assertThat(value(run(engine, "__import__('codeact_support').MemoryGuard._started.limit"))).isEqualTo(Long.toString(LIMIT));
    }
}
