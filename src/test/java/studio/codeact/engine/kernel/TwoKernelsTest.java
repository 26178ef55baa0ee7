package studio.codeact.engine.kernel;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import studio.codeact.engine.ExecutionRequest;
import studio.codeact.engine.ExecutionResult;
import studio.codeact.engine.OutputListener;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static studio.codeact.engine.kernel.KernelTestSupport.config;
import static studio.codeact.engine.kernel.KernelTestSupport.run;
import static studio.codeact.engine.kernel.KernelTestSupport.value;

/** Several kernels at once (the benchmark's pool): separate processes, namespaces and files. */
class TwoKernelsTest {

    @AfterAll
    static void noKernelIsLeft() {
        KernelTestSupport.assertNoKernelProcessLeft();
    }

    @Test
    void twoKernelsRunSideBySideWithoutSharingState() throws Exception {
        try (KernelEngine first = new KernelEngine(config()); KernelEngine second = new KernelEngine(config())) {
            CompletableFuture<Void> starting = CompletableFuture.runAsync(first::start);
            second.start();
            starting.get(60, TimeUnit.SECONDS);

            assertThat(first.info().details().get("pid")).isNotEqualTo(second.info().details().get("pid"));
            assertThat(first.connectionFile()).isNotEqualTo(second.connectionFile());
            run(first, "shared_name = 'first'");
            run(second, "shared_name = 'second'");

            // both sleep at the same time: together they take about one sleep, not two
            run(first, "import time");
            run(second, "import time");
            long t0 = System.nanoTime();
            CompletableFuture<ExecutionResult> a = first.execute(ExecutionRequest.of("time.sleep(1.5); shared_name"), OutputListener.NONE);
            CompletableFuture<ExecutionResult> b = second.execute(ExecutionRequest.of("time.sleep(1.5); shared_name"), OutputListener.NONE);
            assertThat(value(a.get(30, TimeUnit.SECONDS))).isEqualTo("'first'");
            assertThat(value(b.get(30, TimeUnit.SECONDS))).isEqualTo("'second'");
            long tookMillis = (System.nanoTime() - t0) / 1_000_000;
            assertThat(tookMillis).as("both cells took %d ms", tookMillis).isLessThan(2900);

            // one kernel dying leaves the other alone
            first.execute(ExecutionRequest.of("import os; os._exit(3)"), OutputListener.NONE).get(30, TimeUnit.SECONDS);
            assertThat(value(run(second, "shared_name"))).isEqualTo("'second'");
        }
    }
}
