package studio.codeact.engine.kernel;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codeact.engine.ExecutionRequest;
import studio.codeact.engine.ExecutionResult;
import studio.codeact.engine.OutputListener;

import java.nio.file.Path;
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
    void twoKernelsRunSideBySideWithoutSharingState(@TempDir Path folder) throws Exception {
        // the rendezvous folder is both kernels' working folder: the sandbox lets code write only there
        try (KernelEngine first = new KernelEngine(config().withWorkingDirectory(folder));
             KernelEngine second = new KernelEngine(config().withWorkingDirectory(folder))) {
            CompletableFuture<Void> starting = CompletableFuture.runAsync(first::start);
            second.start();
            starting.get(60, TimeUnit.SECONDS);

            assertThat(first.info().details().get("pid")).isNotEqualTo(second.info().details().get("pid"));
            assertThat(first.connectionFile()).isNotEqualTo(second.connectionFile());
            run(first, "shared_name = 'first'");
            run(second, "shared_name = 'second'");

            // a rendezvous: each cell marks its arrival, then waits for the other's mark, so both
            // can end only when they run at the same time
            CompletableFuture<ExecutionResult> a = first.execute(ExecutionRequest.of(rendezvous(folder, "a", "b")), OutputListener.NONE);
            CompletableFuture<ExecutionResult> b = second.execute(ExecutionRequest.of(rendezvous(folder, "b", "a")), OutputListener.NONE);
            assertThat(value(a.get(60, TimeUnit.SECONDS))).isEqualTo("'first'");
            assertThat(value(b.get(60, TimeUnit.SECONDS))).isEqualTo("'second'");

            // one kernel dying leaves the other alone
            first.execute(ExecutionRequest.of("import os; os._exit(3)"), OutputListener.NONE).get(30, TimeUnit.SECONDS);
            assertThat(value(run(second, "shared_name"))).isEqualTo("'second'");
        }
    }

    /** Python that creates {@code mine} in {@code folder}, waits for {@code theirs}, then yields {@code shared_name}. */
    private static String rendezvous(Path folder, String mine, String theirs) {
        String dir = studio.codeact.engine.PythonLiteral.string(folder.toString());
        return "import os, time\n"
                + "open(os.path.join(" + dir + ", '" + mine + "'), 'w').close()\n"
                + "while not os.path.exists(os.path.join(" + dir + ", '" + theirs + "')):\n"
                + "    time.sleep(0.02)\n"
                + "shared_name";
    }
}
