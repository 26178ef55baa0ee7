package studio.codeact.engine.remote;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import studio.codeact.engine.EngineConfig;
import studio.codeact.engine.ExecutionRequest;
import studio.codeact.engine.ExecutionResult;
import studio.codeact.engine.ExecutionStatus;
import studio.codeact.engine.JupyterServerConfig;
import studio.codeact.engine.Output;
import studio.codeact.engine.OutputListener;
import studio.codeact.engine.PythonLocator;
import studio.codeact.testing.JupyterServerFixture;
import studio.codeact.testing.LastingFolder;
import studio.codeact.testing.LiveHeap;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The remote engine's back-pressure: while output is not handled, OkHttp's reader waits
 * ({@code ServerKernel.Link#paceReading}), so a flood waits in TCP and on the server, not in the
 * app. The server runs without its IOPub data rate limit, which would otherwise drop most of a
 * flood before it left the server.
 */
class RemoteFloodTest {

    /** Megabytes a cell prints while its listener stalls: more than the server sends in the stall's window. */
    private static final int FLOOD_MB = 128;
    private static JupyterServerFixture server;

    @BeforeAll
    static void startServer() {
        server = JupyterServerFixture.start("--ServerApp.iopub_data_rate_limit=0");
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aStalledListenerHoldsTheServerBackNotTheAppsMemory() throws Exception {
        try (RemoteEngine engine = new RemoteEngine(EngineConfig.of(PythonLocator.choose(null))
                .withWorkingDirectory(LastingFolder.create("codeact-remote-flood-").resolve("work"))
                .withJupyterServer(JupyterServerConfig.of(server.url(), server.token())))) {
            engine.start();
            long heapBefore = LiveHeap.bytes();
            CountDownLatch stalled = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicLong received = new AtomicLong();
            OutputListener stalling = output -> {
                if (output instanceof Output.Stream stream) {
                    received.addAndGet(stream.text().length());
                    stalled.countDown();
                    try {
                        release.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            };
            CompletableFuture<ExecutionResult> flood = engine.execute(ExecutionRequest.of("""
                    import sys
                    _chunk = ('r' * 1023 + '\\n') * 1024
                    for _ in range(%d):
                        sys.stdout.write(_chunk)
                    del _chunk
                    print('the end')""".formatted(FLOOD_MB)), stalling);
            assertThat(stalled.await(60, TimeUnit.SECONDS)).as("the first output reached the listener").isTrue();
            // an observation window, not a wait for something: read on, the whole flood would arrive within it
            long held = 0;
            for (int look = 0; look < 20; look++) {
                LockSupport.parkNanos(150_000_000);
                held = Math.max(held, LiveHeap.bytes() - heapBefore);
            }
            release.countDown();
            ExecutionResult result = flood.get(300, TimeUnit.SECONDS);

            assertThat(result.status()).as("%s", result.error()).isEqualTo(ExecutionStatus.OK);
            assertThat(received.get()).as("every chunk arrived after the stall").isEqualTo((long) FLOOD_MB * 1024 * 1024 + "the end\n".length());
            assertThat(held).as("what the app held while its listener stalled").isLessThan(48L << 20);
        }
    }

}
