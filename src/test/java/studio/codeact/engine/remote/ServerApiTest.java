package studio.codeact.engine.remote;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import studio.codeact.engine.JupyterServerConfig;
import studio.codeact.engine.JupyterServerException;
import studio.codeact.engine.JupyterServerException.Problem;
import studio.codeact.testing.JupyterServerFixture;

import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The kernel REST API against a real Jupyter Server on loopback. */
class ServerApiTest {

    private static JupyterServerFixture server;
    private static ServerApi api;

    @BeforeAll
    static void startServer() {
        server = JupyterServerFixture.start();
        api = new ServerApi(JupyterServerConfig.of(server.url(), server.token()));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void versionAndKernelSpecsComeFromTheServer() {
        assertThat(api.version()).startsWith("1.");
        ServerApi.KernelSpecs specs = api.kernelSpecs();
        assertThat(specs.defaultName()).isEqualTo("python3");
        assertThat(specs.specs()).extracting(RemoteKernelSpec::name).contains("python3");
        assertThat(specs.specs()).filteredOn(s -> s.name().equals("python3")).first()
                .satisfies(spec -> assertThat(spec.language()).isEqualTo("python"));
    }

    @Test
    void aKernelStartsReportsItsStatusAndIsShutDown() {
        KernelModel kernel = api.start("python3", "");
        try {
            assertThat(kernel.id()).isNotBlank();
            assertThat(api.kernels()).extracting(KernelModel::id).contains(kernel.id());
            assertThat(api.kernel(kernel.id()).name()).isEqualTo("python3");
            api.interrupt(kernel.id()); // an idle kernel takes an interrupt without harm
            assertThat(api.restart(kernel.id()).id()).isEqualTo(kernel.id());
        } finally {
            api.shutdown(kernel.id());
        }
        assertThat(api.kernels()).extracting(KernelModel::id).doesNotContain(kernel.id());
        assertThatThrownBy(() -> api.kernel(kernel.id())).isInstanceOfSatisfying(JupyterServerException.class,
                e -> assertThat(e.problem()).isEqualTo(Problem.NOT_FOUND));
        api.shutdown(kernel.id()); // a kernel already gone counts as shut down
    }

    @Test
    void anUnknownKernelSpecIsNamedInTheMessage() {
        assertThatThrownBy(() -> api.start("no-such-spec", "")).isInstanceOfSatisfying(JupyterServerException.class, e -> {
            assertThat(e.problem()).isEqualTo(Problem.NOT_FOUND);
            assertThat(e.getMessage()).contains("no kernelspec named 'no-such-spec'");
        });
    }

    @Test
    void aWrongTokenIsRefusedWithAClearMessageThatDoesNotShowTheToken() {
        ServerApi wrong = new ServerApi(JupyterServerConfig.of(server.url(), "not-the-token-42"));
        assertThatThrownBy(wrong::version).isInstanceOfSatisfying(JupyterServerException.class, e -> {
            assertThat(e.problem()).isEqualTo(Problem.UNAUTHORIZED);
            assertThat(e.getMessage()).contains("refused the token").contains("--jupyter-token-env").doesNotContain("not-the-token-42");
        });
    }

    @Test
    void aServerThatDoesNotListenIsUnreachableAfterRetries() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ServerApi nowhere = new ServerApi(JupyterServerConfig.of("http://127.0.0.1:" + closedPort, "t"));
        assertThatThrownBy(nowhere::kernelSpecs).isInstanceOfSatisfying(JupyterServerException.class, e -> {
            assertThat(e.problem()).isEqualTo(Problem.UNREACHABLE);
            assertThat(e.getMessage()).startsWith("the Jupyter server at http://127.0.0.1:" + closedPort + " is unreachable")
                    .contains("after 3 attempts");
        });
    }
}
