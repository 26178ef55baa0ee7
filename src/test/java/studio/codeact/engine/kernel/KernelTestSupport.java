package studio.codeact.engine.kernel;

import studio.codeact.engine.EngineConfig;
import studio.codeact.engine.ExecutionRequest;
import studio.codeact.engine.ExecutionResult;
import studio.codeact.engine.OutputListener;
import studio.codeact.engine.PythonEngine;
import studio.codeact.engine.PythonLocator;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What the kernel engine's own tests share. */
final class KernelTestSupport {

    static final long WAIT_SECONDS = 60;

    private KernelTestSupport() {
    }

    static EngineConfig config() {
        return EngineConfig.of(PythonLocator.choose(null));
    }

    static ExecutionResult run(PythonEngine engine, String code) {
        return await(engine, ExecutionRequest.of(code));
    }

    static ExecutionResult await(PythonEngine engine, ExecutionRequest request) {
        try {
            return engine.execute(request, OutputListener.NONE).get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the engine did not answer: " + e, e);
        }
    }

    static String value(ExecutionResult result) {
        return result.result().map(r -> r.data().text()).orElse("");
    }

    /** Waits up to 5 s for every process this JVM started to be gone, then fails naming any left. */
    static void assertNoKernelProcessLeft() {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<ProcessHandle> left;
        do {
            left = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
            if (left.isEmpty()) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        } while (System.nanoTime() < deadline);
        assertThat(left).as("processes still alive: %s",
                left.stream().map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList()).isEmpty();
    }
}
