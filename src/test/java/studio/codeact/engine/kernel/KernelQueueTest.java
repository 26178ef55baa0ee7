package studio.codeact.engine.kernel;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import studio.codeact.engine.EngineException;
import studio.codeact.engine.EngineState;
import studio.codeact.engine.ExecutionRequest;
import studio.codeact.engine.ExecutionResult;
import studio.codeact.engine.ExecutionStatus;
import studio.codeact.engine.Output;
import studio.codeact.engine.OutputListener;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static studio.codeact.engine.kernel.KernelTestSupport.config;
import static studio.codeact.engine.kernel.KernelTestSupport.run;
import static studio.codeact.engine.kernel.KernelTestSupport.value;

/** The kernel engine's own promises around its queue, its threads and stdin. */
class KernelQueueTest {

    @AfterAll
    static void noKernelIsLeft() {
        KernelTestSupport.assertNoKernelProcessLeft();
    }

    @Test
    void cellsQueuedBeforeStartRunAfterItWithTheSupportSetupDone() throws Exception {
        try (KernelEngine engine = new KernelEngine(config())) {
            CompletableFuture<ExecutionResult> early = engine.execute(ExecutionRequest.of(
                    "import pandas as pd\npd.get_option('display.html.table_schema')"), OutputListener.NONE);
            assertThat(engine.state()).isEqualTo(EngineState.NOT_STARTED);
            engine.start();
            assertThat(value(early.get(60, TimeUnit.SECONDS))).isEqualTo("True");
        }
    }

    @Test
    void listenersAndFuturesRunOnTheEventThreadNeverOnTheIoThread() throws Exception {
        try (KernelEngine engine = new KernelEngine(config())) {
            engine.start();
            List<String> threads = new CopyOnWriteArrayList<>();
            ExecutionResult result = engine.execute(ExecutionRequest.of("print('x')\n1"), output -> threads.add(Thread.currentThread().getName()))
                    .thenApply(done -> {
                        threads.add(Thread.currentThread().getName());
                        return done;
                    }).get(60, TimeUnit.SECONDS);
            assertThat(result.ok()).isTrue();
            assertThat(threads).hasSize(3).containsOnly("codeact-kernel-events");
        }
    }

    @Test
    void startCalledFromAListenerFailsClearlyInsteadOfDeadlocking() throws Exception {
        try (KernelEngine engine = new KernelEngine(config())) {
            engine.start();
            CompletableFuture<String> seen = new CompletableFuture<>();
            engine.execute(ExecutionRequest.of("print('go')"), output -> {
                try {
                    engine.restart();
                    seen.complete("no error");
                } catch (EngineException e) {
                    seen.complete(e.getMessage());
                }
            }).get(60, TimeUnit.SECONDS);
            assertThat(seen.get(10, TimeUnit.SECONDS)).contains("event thread");
            assertThat(value(run(engine, "2 * 21"))).isEqualTo("42");
        }
    }

    @Test
    void aHandlerThatRefusesMakesInputRaiseEofErrorInsteadOfHanging() throws Exception {
        try (KernelEngine engine = new KernelEngine(config())) {
            engine.start();
            List<String> prompts = new CopyOnWriteArrayList<>();
            engine.setStdinHandler((prompt, password) -> {
                prompts.add(prompt + (password ? " (password)" : ""));
                return Optional.empty();
            });
            ExecutionResult refused = run(engine, "input('name? ')");
            assertThat(refused.status()).isEqualTo(ExecutionStatus.ERROR);
            assertThat(refused.error().map(Output.Error::ename)).contains("EOFError");

            engine.setStdinHandler((prompt, password) -> Optional.of(password ? "s3cret" : "plain"));
            ExecutionResult secret = run(engine, "import getpass\nlen(getpass.getpass('pin? '))");
            assertThat(value(secret)).isEqualTo("6");
            assertThat(prompts).containsExactly("name? ");
        }
    }
}
