package studio.codeact.engine.remote;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codeact.engine.EngineConfig;
import studio.codeact.engine.EngineEvent;
import studio.codeact.engine.EngineState;
import studio.codeact.engine.ExecutionRequest;
import studio.codeact.engine.ExecutionResult;
import studio.codeact.engine.ExecutionStatus;
import studio.codeact.engine.JupyterServerConfig;
import studio.codeact.engine.JupyterServerException;
import studio.codeact.engine.OutputListener;
import studio.codeact.engine.PythonLocator;
import studio.codeact.engine.TransferProgress;
import studio.codeact.testing.JupyterServerFixture;
import studio.codeact.testing.LastingFolder;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the remote engine does when the server's side goes wrong, and how data reaches the server. */
class RemoteEngineFaultTest {

    private static JupyterServerFixture server;

    @BeforeAll
    static void startServer() {
        server = JupyterServerFixture.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static EngineConfig config(String session) {
        Path work = LastingFolder.create("codeact-remote-fault-").resolve(session).resolve("work");
        return EngineConfig.of(PythonLocator.choose(null)).withWorkingDirectory(work)
                .withJupyterServer(JupyterServerConfig.of(server.url(), server.token()));
    }

    @Test
    void aKernelDeletedOnTheServerIsReportedDiedAndARestartGivesAFreshOne() throws Exception {
        try (RemoteEngine engine = new RemoteEngine(config("deleted"))) {
            BlockingQueue<EngineEvent> events = new LinkedBlockingQueue<>();
            engine.addListener(events::add);
            engine.start();
            String first = engine.kernelId().orElseThrow();
            assertThat(engine.run("x = 1").status()).isEqualTo(ExecutionStatus.OK);

            engine.api().shutdown(first); // a culler, or a colleague in JupyterLab

            assertThat(awaitDied(events).reason()).contains("no longer exists on the Jupyter server");
            assertThat(engine.state()).isEqualTo(EngineState.DEAD);
            ExecutionResult refused = engine.run("x");
            assertThat(refused.status()).isEqualTo(ExecutionStatus.ABORTED);
            assertThat(refused.note()).contains("restart the engine");

            engine.restart();
            assertThat(engine.kernelId()).get().isNotEqualTo(first);
            assertThat(engine.run("6*7").result().orElseThrow().data().text()).isEqualTo("42");
        }
        assertThat(new ServerApi(JupyterServerConfig.of(server.url(), server.token())).kernels()).isEmpty();
    }

    @Test
    void aKernelDeletedWhileACellRunsEndsTheCellAndIsReportedDied() throws Exception {
        try (RemoteEngine engine = new RemoteEngine(config("deleted-busy"))) {
            BlockingQueue<EngineEvent> events = new LinkedBlockingQueue<>();
            engine.addListener(events::add);
            engine.start();
            CompletableFuture<Void> started = new CompletableFuture<>();
            CompletableFuture<ExecutionResult> running = engine.execute(ExecutionRequest.of("import time\nprint('sleeping', flush=True)\ntime.sleep(60)"),
                    output -> started.complete(null));
            started.get(60, TimeUnit.SECONDS); // the cell runs on the kernel (a cell not yet sent would be aborted, not died)

            engine.api().shutdown(engine.kernelId().orElseThrow());

            // Jupyter Server interrupts a kernel before asking it to shut down (jupyter_client's
            // shutdown_kernel), so the running cell ends interrupted when that reply wins the race
            // with the closing channels, else died; either way it ends, and the kernel is reported dead.
            ExecutionResult result = running.get(60, TimeUnit.SECONDS);
            assertThat(result.status()).isIn(ExecutionStatus.DIED, ExecutionStatus.ERROR);
            if (result.status() == ExecutionStatus.ERROR) {
                assertThat(result.outputs()).anySatisfy(output -> assertThat(output)
                        .isInstanceOfSatisfying(studio.codeact.engine.Output.Error.class, error -> assertThat(error.ename()).isEqualTo("KeyboardInterrupt")));
            }
            assertThat(awaitDied(events).reason()).contains("no longer exists on the Jupyter server");
            assertThat(engine.state()).isEqualTo(EngineState.DEAD);
        }
    }

    private static EngineEvent.Died awaitDied(BlockingQueue<EngineEvent> events) throws InterruptedException {
        while (true) {
            EngineEvent event = events.poll(60, TimeUnit.SECONDS);
            assertThat(event).as("a Died event").isNotNull();
            if (event instanceof EngineEvent.Died died) {
                return died;
            }
        }
    }

    @Test
    void aDroppedFileIsUploadedIntoTheSessionsFolderWithProgressAndReadThere(@TempDir Path temp) throws Exception {
        Path csv = Files.writeString(temp.resolve("sales.csv"), "region,price\nnorth,10\nsouth,20\n");
        List<String> progress = new CopyOnWriteArrayList<>();
        try (RemoteEngine engine = new RemoteEngine(config("upload"))) {
            engine.start();
            String path = engine.dataPath(csv, (file, sent, total) -> progress.add(file + " " + sent + "/" + total));

            assertThat(path).isEqualTo("sales.csv");
            assertThat(server.root().resolve("codeact/upload/work/sales.csv")).hasContent("region,price\nnorth,10\nsouth,20");
            assertThat(progress).containsExactly("sales.csv 31/31");
            assertThat(engine.run("import pandas as pd\nint(pd.read_csv('sales.csv')['price'].sum())").result().orElseThrow().data().text())
                    .isEqualTo("30");
            assertThat(engine.listWorkFolder()).extracting(ContentsApi.Entry::name).contains("sales.csv");
        }
    }

    @Test
    void aServerDataFolderIsUsedAsIsWithoutUploading(@TempDir Path temp) throws Exception {
        Files.createDirectories(server.root().resolve("shared"));
        Files.writeString(server.root().resolve("shared/big.csv"), "x\n1\n");
        Path local = Files.writeString(temp.resolve("big.csv"), "local copy, never sent");
        EngineConfig config = config("as-is");
        config = config.withJupyterServer(config.jupyterServer().orElseThrow().withDataPath(server.root().resolve("shared").toString()));
        try (RemoteEngine engine = new RemoteEngine(config)) {
            engine.start();
            String path = engine.dataPath(local, TransferProgress.NONE);
            assertThat(path).isEqualTo(server.root().resolve("shared/big.csv").toString());
            assertThat(engine.run("open(" + studio.codeact.engine.remote.RemoteEngineFaultTest.quote(path) + ").read()")
                    .result().orElseThrow().data().text()).isEqualTo("'x\\n1\\n'");
            assertThat(server.root().resolve("codeact/as-is/work/big.csv")).doesNotExist();
        }
    }

    static String quote(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    @Test
    void anUnreachableServerIsSaidPlainlyAtStart() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        EngineConfig config = config("nowhere").withJupyterServer(JupyterServerConfig.of("http://127.0.0.1:" + closed, "t"));
        try (RemoteEngine engine = new RemoteEngine(config)) {
            assertThatThrownBy(engine::start).isInstanceOfSatisfying(JupyterServerException.class, e -> {
                assertThat(e.problem()).isEqualTo(JupyterServerException.Problem.UNREACHABLE);
                assertThat(e.getMessage()).startsWith("the Jupyter server at http://127.0.0.1:" + closed + " is unreachable");
            });
        }
    }
}
