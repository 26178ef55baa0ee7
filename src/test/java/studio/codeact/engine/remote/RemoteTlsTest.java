package studio.codeact.engine.remote;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import studio.codeact.cli.Main;
import studio.codeact.cli.perf.LoopbackJupyterServer;
import studio.codeact.engine.EngineConfig;
import studio.codeact.engine.EngineException;
import studio.codeact.engine.ExecutionRequest;
import studio.codeact.engine.ExecutionResult;
import studio.codeact.engine.ExecutionStatus;
import studio.codeact.engine.JupyterServerConfig;
import studio.codeact.engine.JupyterServerException;
import studio.codeact.engine.JupyterServerException.Problem;
import studio.codeact.engine.OutputListener;
import studio.codeact.engine.PythonLocator;
import studio.codeact.testing.CliRun;
import studio.codeact.testing.JupyterServerFixture;
import studio.codeact.testing.LastingFolder;
import studio.codeact.testing.OpenAiWireServer;
import studio.codeact.testing.TestCertificates;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code https}/{@code wss}: a real Jupyter Server on loopback whose certificate a private CA
 * (made by the test with openssl) signed. With that CA's file the engine runs cells over TLS;
 * without it, or with the wrong scheme, the user reads what to fix, at once, not after retries.
 */
class RemoteTlsTest {

    private static TestCertificates certificates;
    private static JupyterServerFixture server;

    @BeforeAll
    static void startServer() {
        Path folder = LastingFolder.create("codeact-remote-tls-");
        certificates = TestCertificates.create(folder, "127.0.0.1");
        server = JupyterServerFixture.startTls(new LoopbackJupyterServer.Tls(certificates.serverCertificate(), certificates.serverKey()));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void withThePrivateCaTheEngineRunsCellsOverTls() throws Exception {
        assertThat(server.url()).startsWith("https://");
        Path work = LastingFolder.create("codeact-remote-tls-work-").resolve("work");
        EngineConfig config = EngineConfig.of(PythonLocator.choose(null)).withWorkingDirectory(work)
                .withJupyterServer(JupyterServerConfig.of(server.url(), server.token()).withCaFile(certificates.caCertificate()));
        try (RemoteEngine engine = new RemoteEngine(config, KernelSocket.Offer.V1)) {
            engine.start();
            ExecutionResult result = engine.execute(ExecutionRequest.of("print('over', 'tls'); 6 * 7"), OutputListener.NONE)
                    .get(60, TimeUnit.SECONDS);

            assertThat(result.status()).as("error %s", result.error()).isEqualTo(ExecutionStatus.OK);
            assertThat(result.stdout()).isEqualTo("over tls\n");
            assertThat(result.result().orElseThrow().data().text()).isEqualTo("42");
            assertThat(engine.api().kernels()).hasSize(1);
        }
        assertThat(new ServerApi(JupyterServerConfig.of(server.url(), server.token()).withCaFile(certificates.caCertificate())).kernels())
                .as("kernels left on the server after close()").isEmpty();
    }

    @Test
    void withoutTheCaTheCertificateIsNotTrustedAndTheMessageNamesTheFlag() {
        ServerApi api = new ServerApi(JupyterServerConfig.of(server.url(), server.token()));
        long started = System.nanoTime();

        assertThatThrownBy(api::version).isInstanceOfSatisfying(JupyterServerException.class, e -> {
            assertThat(e.problem()).isEqualTo(Problem.UNTRUSTED);
            assertThat(e.isSettingsProblem()).isTrue();
            assertThat(e.getMessage()).contains("the Jupyter server at " + server.url())
                    .contains("does not trust").contains("--jupyter-ca-file").doesNotContain(server.token());
        });
        // not retried: a handshake that failed for trust fails the same way again
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(ServerHttp.FIRST_RETRY.toMillis());
    }

    @Test
    void aCertificateForAnotherNameIsNotTrustedEvenWithTheCa() {
        // the certificate names 127.0.0.1 only; "localhost" reaches the same server
        String otherName = server.url().replace("127.0.0.1", "localhost");
        ServerApi api = new ServerApi(JupyterServerConfig.of(otherName, server.token()).withCaFile(certificates.caCertificate()));

        assertThatThrownBy(api::version).isInstanceOfSatisfying(JupyterServerException.class, e -> {
            assertThat(e.problem()).isEqualTo(Problem.UNTRUSTED);
            assertThat(e.getMessage()).contains("does not trust").contains("host name");
        });
    }

    @Test
    void httpsToAServerWithoutTlsSaysToUseHttp() {
        try (JupyterServerFixture plain = JupyterServerFixture.start()) {
            String wrong = plain.url().replace("http://", "https://");
            ServerApi api = new ServerApi(JupyterServerConfig.of(wrong, plain.token()));

            assertThatThrownBy(api::version).isInstanceOfSatisfying(JupyterServerException.class, e -> {
                assertThat(e.problem()).isEqualTo(Problem.UNTRUSTED);
                assertThat(e.getMessage()).contains("speaks plain HTTP, not TLS").contains("use " + plain.url());
            });
        }
    }

    @Test
    void askOverHttpsAnswersWithTheCaFileAndIsBadInputWithout() throws Exception {
        Path dir = LastingFolder.create("codeact-remote-tls-ask-");
        Path settings = Files.writeString(dir.resolve("settings.json"), "{\"jupyter\": {\"token\": \"" + server.token() + "\"}}");
        Files.setPosixFilePermissions(settings, PosixFilePermissions.fromString("rw-------"));
        try (OpenAiWireServer model = new OpenAiWireServer()) {
            model.thenText("<execute>\nimport ssl\nprint(6 * 7)\n</execute>").thenText("It is <solution>42</solution>");
            List<String> common = List.of("ask", "--engine", "remote", "--jupyter-url", server.url(),
                    "--provider", "openai", "--base-url", model.baseUrl(), "--model", "scripted", "--settings", settings.toString(),
                    "--action-mode", "tags");

            CliRun refused = CliRun.execute(concat(common, "--out", dir.resolve("refused").toString(), "What is 6*7?"));
            assertThat(refused.exit()).as(refused.err()).isEqualTo(Main.BAD_INPUT);
            assertThat(refused.err()).contains("does not trust").contains("--jupyter-ca-file").doesNotContain(server.token());
            assertThat(model.requests()).isEmpty();

            CliRun answered = CliRun.execute(concat(common, "--jupyter-ca-file", certificates.caCertificate().toString(),
                    "--out", dir.resolve("answered").toString(), "What is 6*7?"));
            assertThat(answered.exit()).as(answered.err()).isZero();
            assertThat(answered.out()).isEqualTo("42\n");
            assertThat(OpenAiWireServer.lastObservation(model.requests().get(1))).contains("42");
        }
    }

    private static List<String> concat(List<String> first, String... more) {
        List<String> all = new ArrayList<>(first);
        all.addAll(List.of(more));
        return all;
    }

    @Test
    void aCaFileThatIsNotPemSaysSo() throws Exception {
        Path notPem = Files.writeString(LastingFolder.create("codeact-remote-tls-bad-").resolve("ca.pem"), "not a certificate\n");

        assertThatThrownBy(() -> new ServerApi(JupyterServerConfig.of(server.url(), server.token()).withCaFile(notPem)))
                .isInstanceOf(EngineException.class).hasMessageContaining("the CA file " + notPem);
    }
}
