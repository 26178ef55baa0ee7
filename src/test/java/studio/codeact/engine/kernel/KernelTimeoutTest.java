package studio.codeact.engine.kernel;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import studio.codeact.engine.EngineConfig;
import studio.codeact.engine.EngineEvent;
import studio.codeact.engine.EngineState;
import studio.codeact.engine.ExecutionRequest;
import studio.codeact.engine.ExecutionResult;
import studio.codeact.engine.ExecutionStatus;
import studio.codeact.engine.OutputListener;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static studio.codeact.engine.kernel.KernelTestSupport.config;
import static studio.codeact.engine.kernel.KernelTestSupport.run;
import static studio.codeact.engine.kernel.KernelTestSupport.value;

/** A timed-out cell that ignores the interrupt makes the engine restart the kernel and say so. */
class KernelTimeoutTest {

    @AfterAll
    static void noKernelIsLeft() {
        KernelTestSupport.assertNoKernelProcessLeft();
    }

    @Test
    void aCellThatIgnoresTheInterruptIsStoppedByARestart() throws Exception {
        EngineConfig config = config();
        config = new EngineConfig(config.python(), config.workingDirectory(), 0, Optional.empty(), Duration.ofSeconds(1));
        try (KernelEngine engine = new KernelEngine(config)) {
            engine.start();
            assertThat(run(engine, "lost_by_restart = 1").ok()).isTrue();
            List<EngineEvent> events = new CopyOnWriteArrayList<>();
            engine.addListener(events::add);

            long sent = System.nanoTime();
            CompletableFuture<ExecutionResult> stubborn = engine.execute(ExecutionRequest.of("""
                    import signal
                    signal.signal(signal.SIGINT, signal.SIG_IGN)
                    while True:
                        pass""").withTimeout(Duration.ofSeconds(1)), OutputListener.NONE);
            CompletableFuture<ExecutionResult> queuedBehind = engine.execute(ExecutionRequest.of("'queued'"), OutputListener.NONE);
            ExecutionResult result = stubborn.get(60, TimeUnit.SECONDS);
            long tookMillis = (System.nanoTime() - sent) / 1_000_000;

            assertThat(result.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
            assertThat(result.note()).contains("interrupted after 1 s").contains("restarted").contains("variables are gone");
            assertThat(result.error().orElseThrow().ename()).isEqualTo("TimeoutError");
            assertThat(tookMillis).as("timed out, interrupted, restarted in %d ms", tookMillis).isLessThan(30_000);
            assertThat(queuedBehind.get(10, TimeUnit.SECONDS).status()).isEqualTo(ExecutionStatus.ABORTED);
            assertThat(events).anyMatch(EngineEvent.Restarted.class::isInstance);
            assertThat(engine.state()).isEqualTo(EngineState.IDLE);

            assertThat(value(run(engine, "'lost_by_restart' in dir()"))).isEqualTo("False");
            assertThat(value(run(engine, "1 + 2"))).isEqualTo("3");
        }
    }

    @Test
    void aCellThatStopsWhenInterruptedKeepsTheKernel() throws Exception {
        try (KernelEngine engine = new KernelEngine(config())) {
            engine.start();
            assertThat(run(engine, "kept_after_timeout = 7").ok()).isTrue();
            String pid = engine.info().details().get("pid");
            ExecutionResult result = KernelTestSupport.await(engine,
                    ExecutionRequest.of("import time\ntime.sleep(100)").withTimeout(Duration.ofMillis(1500)));
            assertThat(result.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
            assertThat(result.error().orElseThrow().ename()).isEqualTo("KeyboardInterrupt");
            assertThat(result.note()).isEqualTo("interrupted after 1.5 s");
            assertThat(engine.info().details().get("pid")).isEqualTo(pid);
            assertThat(value(run(engine, "kept_after_timeout"))).isEqualTo("7");
        }
    }
}
