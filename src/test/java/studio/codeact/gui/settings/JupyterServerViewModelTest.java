package studio.codeact.gui.settings;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codeact.engine.EngineKind;
import studio.codeact.gui.UiExecutor;
import studio.codeact.llm.settings.SettingsFile;
import studio.codeact.testing.JupyterServerFixture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** Settings → Python engine → "Jupyter server" against a real Jupyter Server, and its place in the settings file. */
class JupyterServerViewModelTest {

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

    private final JupyterServerViewModel jupyter = new JupyterServerViewModel(UiExecutor.direct(), Runnable::run);

    @Test
    void testConnectionStartsAndStopsAKernelAndListsTheServersKernels() throws Exception {
        jupyter.urlProperty().set(server.url());
        jupyter.tokenProperty().set(server.token());

        jupyter.testConnection().join();

        assertThat(jupyter.okProperty().get()).as(jupyter.messageProperty().get()).isTrue();
        assertThat(jupyter.kernels()).contains("python3");
        assertThat(jupyter.kernelProperty().get()).isEqualTo("python3");
        assertThat(jupyter.messageProperty().get()).startsWith("Jupyter Server 1.").contains("Kernel python3 (Python 3.")
                .contains("answered over the v1 WebSocket and stopped");
        assertThat(jupyter.busyProperty().get()).isFalse();
        assertThat(server.kernelProcesses()).as("the test kernel was stopped").isEmpty();
    }

    @Test
    void aWrongTokenOrAMissingUrlIsSaidPlainly() {
        jupyter.urlProperty().set(server.url());
        jupyter.tokenProperty().set("not-it");
        jupyter.testConnection().join();
        assertThat(jupyter.okProperty().get()).isFalse();
        assertThat(jupyter.messageProperty().get()).contains("refused the token").doesNotContain("not-it");

        jupyter.urlProperty().set("");
        jupyter.listKernels().join();
        assertThat(jupyter.messageProperty().get()).containsIgnoringCase("no Jupyter server URL");
    }

    @Test
    void theServerIsSavedInTheOwnerOnlySettingsFileAndReadBack(@TempDir Path temp) throws Exception {
        FileSettingsStorage storage = new FileSettingsStorage(new SettingsFile(temp.resolve("settings.json")));
        JupyterForm form = new JupyterForm("https://hub.example.org/user/ana", "secret-token", "python3", "", "/data/shared");
        storage.save(SettingsForm.defaults().withEngine(EngineKind.REMOTE).withJupyter(form));

        SettingsForm back = storage.load();
        assertThat(back.engine()).isEqualTo(EngineKind.REMOTE);
        assertThat(back.jupyter()).isEqualTo(form);
        assertThat(back.toString()).doesNotContain("secret-token");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve("settings.json")))).isEqualTo("rw-------");
        assertThat(back.jupyter().toConfig(java.util.Map.of()).token()).isEqualTo("secret-token");
    }
}
