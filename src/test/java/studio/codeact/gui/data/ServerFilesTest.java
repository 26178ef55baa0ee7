package studio.codeact.gui.data;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codeact.engine.EngineConfig;
import studio.codeact.engine.EngineKind;
import studio.codeact.engine.Engines;
import studio.codeact.engine.ExecutionStatus;
import studio.codeact.engine.JupyterServerConfig;
import studio.codeact.engine.PythonEngine;
import studio.codeact.engine.PythonLocator;
import studio.codeact.gui.UiExecutor;
import studio.codeact.testing.JupyterServerFixture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The Files panel of a remote engine lists the folder on a real Jupyter server and opens its files as downloaded copies. */
class ServerFilesTest {

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

    private static PythonEngine remote(Path work) {
        return Engines.create(EngineKind.REMOTE, EngineConfig.of(PythonLocator.choose(null)).withWorkingDirectory(work)
                .withJupyterServer(JupyterServerConfig.of(server.url(), server.token())));
    }

    @Test
    void theFilesTheCodeWroteOnTheServerAreListedAndOpenAsDownloadedCopies(@TempDir Path temp) throws Exception {
        Path work = Files.createDirectories(temp.resolve("files-1").resolve("work"));
        try (PythonEngine engine = remote(work)) {
            engine.start();
            assertThat(engine.run("""
                    import os
                    os.makedirs('figures', exist_ok=True)
                    open('clean.csv', 'w').write('a\\n1\\n')
                    open('figures/plot.png', 'wb').write(bytes(range(256)) * 8)
                    open('.hidden', 'w').write('x')
                    """).status()).isEqualTo(ExecutionStatus.OK);
            FilesViewModel files = new FilesViewModel(work, () -> Optional.of(engine), UiExecutor.direct(), Runnable::run);

            files.refresh().join();

            assertThat(files.files()).extracting(FilesViewModel.FileEntry::relative).containsExactlyInAnyOrder("clean.csv", "figures/plot.png");
            assertThat(files.files()).allMatch(FilesViewModel.FileEntry::onServer);
            assertThat(files.onServerProperty().get()).isTrue();
            assertThat(files.locationProperty().get()).startsWith("codeact/files-1/work on " + server.url());
            assertThat(files.problemProperty().get()).isEmpty();
            assertThat(Files.exists(work.resolve("clean.csv"))).as("nothing is copied before it is opened").isFalse();

            FilesViewModel.FileEntry plot = files.files().stream().filter(f -> f.relative().equals("figures/plot.png")).findFirst().orElseThrow();
            assertThat(plot.bytes()).isEqualTo(2048);
            Path opened = files.localCopy(plot).join();
            assertThat(opened).isEqualTo(work.resolve("figures/plot.png"));
            assertThat(Files.readAllBytes(opened)).isEqualTo(Files.readAllBytes(server.root().resolve("codeact/files-1/work/figures/plot.png")));

            FilesViewModel.FileEntry csv = files.files().stream().filter(f -> f.relative().equals("clean.csv")).findFirst().orElseThrow();
            Path saved = files.copyTo(csv, temp.resolve("saved.csv")).join();
            assertThat(saved).hasContent("a\n1");
        }
    }

    @Test
    void aNewFileAppearsAfterTheNextRefresh(@TempDir Path temp) throws Exception {
        Path work = Files.createDirectories(temp.resolve("files-2").resolve("work"));
        try (PythonEngine engine = remote(work)) {
            engine.start();
            FilesViewModel files = new FilesViewModel(work, () -> Optional.of(engine), UiExecutor.direct(), Runnable::run);
            files.refresh().join();
            assertThat(files.files()).isEmpty();

            engine.run("open('result.txt', 'w').write('done')");
            files.refresh().join();

            assertThat(files.files()).extracting(FilesViewModel.FileEntry::relative).containsExactly("result.txt");
            assertThat(files.localCopy(files.files().getFirst()).join()).hasContent("done");
        }
    }

    @Test
    void anUnreachableServerIsSaidInThePanelInsteadOfAnEmptyList(@TempDir Path temp) throws Exception {
        Path work = Files.createDirectories(temp.resolve("files-3").resolve("work"));
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (PythonEngine engine = Engines.create(EngineKind.REMOTE, EngineConfig.of(PythonLocator.choose(null)).withWorkingDirectory(work)
                .withJupyterServer(JupyterServerConfig.of("http://127.0.0.1:" + port + "/", "token")))) {
            FilesViewModel files = new FilesViewModel(work, () -> Optional.of(engine), UiExecutor.direct(), Runnable::run);

            files.refresh().join();

            assertThat(files.files()).isEmpty();
            assertThat(files.problemProperty().get()).startsWith("The files on the server are not listed. The Jupyter server at http://127.0.0.1:" + port)
                    .contains("is unreachable");
        }
    }
}
