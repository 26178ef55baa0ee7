package studio.codeact.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import studio.codeact.session.Exports;
import studio.codeact.session.SessionStatus;
import studio.codeact.session.SessionStore;
import studio.codeact.testing.CliRun;
import studio.codeact.testing.JupyterServerFixture;
import studio.codeact.testing.LastingFolder;
import studio.codeact.testing.OpenAiWireServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code codeact ask --engine remote} end to end: a scripted model behind a real OpenAI-wire HTTP
 * server, a real Jupyter Server on loopback, the real session folder.
 */
class AskOnRemoteEngineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir = LastingFolder.create("codeact-ask-remote-");
    private OpenAiWireServer model;
    private JupyterServerFixture jupyter;

    record Run(int exit, String out, String err, Path session) { }

    @BeforeEach
    void start() {
        model = new OpenAiWireServer();
        jupyter = JupyterServerFixture.start();
    }

    @AfterEach
    void stop() {
        model.close();
        jupyter.close();
    }

    private Run ask(String token, String... extra) throws Exception {
        Path settings = dir.resolve("settings.json");
        Files.writeString(settings, "{\"jupyter\": {\"token\": \"" + token + "\"}}");
        Files.setPosixFilePermissions(settings, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Path session = dir.resolve("session-" + System.nanoTime());
        List<String> args = new ArrayList<>(List.of("ask", "--engine", "remote", "--jupyter-url", jupyter.url(), "--provider", "openai",
                "--base-url", model.baseUrl(), "--model", "scripted", "--settings", settings.toString(), "--out", session.toString(),
                "--action-mode", "tags"));
        args.addAll(List.of(extra));
        CliRun run = CliRun.execute(args);
        return new Run(run.exit(), run.out(), run.err(), session);
    }

    @Test
    void dataIsUploadedTheCodeRunsOnTheServerAndTheFigureIsSavedLocally() throws Exception {
        Path sales = Files.writeString(dir.resolve("sales.csv"), "region,price\nnorth,10.0\nsouth,20.0\nnorth,30.0\n");
        model.thenText("""
                <execute>
                import os, matplotlib.pyplot as plt
                print(os.getcwd())
                plt.figure(figsize=(4, 3), dpi=100)
                plt.bar(sales['region'], sales['price'])
                plt.show()
                </execute>""").thenText("Total <solution>60.0</solution>");

        Run run = ask(jupyter.token(), "--data", sales.toString(), "Chart and total the prices.");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("60.0\n");
        assertThat(run.err()).contains("codeact: uploading sales.csv to the Jupyter server: 100%");
        String sessionName = run.session().getFileName().toString();
        Path onServer = jupyter.root().resolve("codeact/" + sessionName + "/work");
        assertThat(onServer.resolve("sales.csv")).hasContent("region,price\nnorth,10.0\nsouth,20.0\nnorth,30.0");
        assertThat(OpenAiWireServer.lastObservation(model.requests().get(1))).contains(onServer.toString());
        assertThat(run.session().resolve("figures/001.png")).exists();
        JsonNode first = model.requests().getFirst();
        assertThat(first.toString()).contains("on the Jupyter server " + jupyter.url()).contains("kernelspec python3");
        assertThat(SessionStore.read(run.session()).status()).isEqualTo(SessionStatus.ANSWERED);
        assertThat(run.session().resolve(Exports.NOTEBOOK_FILE)).exists();
    }

    @Test
    void aFileOverTheEagerLimitLoadsLazilyOnTheServer() throws Exception {
        Path orders = Files.writeString(dir.resolve("orders.csv"), "day,region,amount\n"
                + "2024-01-02,north,10\n2024-01-03,south,20\n".repeat(40_000));
        model.thenText("<execute>\nprint(type(orders).__module__, len(orders_sample))\nprint(orders.amount.sum().compute())\n</execute>")
                .thenText("Total <solution>1200000</solution>");

        Run run = ask(jupyter.token(), "--data", orders.toString(), "--eager-limit", "1M", "Total amount?");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(model.requests().getFirst().toString()).contains("a lazy Dask DataFrame (out of core)").contains("orders_sample")
                .contains("day (datetime64[ns])");
        assertThat(OpenAiWireServer.lastObservation(model.requests().get(1))).contains("dask.dataframe.core").contains("1200000");
    }

    @Test
    void aWrongTokenIsBadInputBeforeAnyModelCall() throws Exception {
        Run run = ask("wrong-token-123", "What is 6*7?");

        assertThat(run.exit()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err()).contains("refused the token").doesNotContain("wrong-token-123");
        assertThat(model.requests()).isEmpty();
    }

    @Test
    void aServerThatGoesAwayMidQuestionFailsWithTheSessionSaved() throws Exception {
        model.thenText("<execute>\nimport time\nopen('cell-started', 'w').close()\ntime.sleep(60)\n</execute>")
                .thenText("<execute>\nprint('again')\n</execute>").thenText("<execute>\nprint('and again')\n</execute>").thenText("gave up");
        CompletableFuture<Void> killer = CompletableFuture.runAsync(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            try { // until the server's kernel runs the sleeping cell (it marks its start in the server's folder)
                while (!fileUnder(jupyter.root(), "cell-started") && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            jupyter.kill();
        });

        Run run = ask(jupyter.token(), "--cell-timeout", "120", "Take your time.");
        killer.join();

        assertThat(run.exit()).as(run.err()).isEqualTo(Main.FAILED);
        assertThat(run.err()).contains("the Jupyter server at " + jupyter.url() + " is unreachable").contains("session saved in");
        SessionStatus status = SessionStore.read(run.session()).status();
        assertThat(status).isNotEqualTo(SessionStatus.RUNNING);
        assertThat(run.session().resolve("session.json")).exists();
    }

    private static boolean fileUnder(Path folder, String name) {
        try (java.util.stream.Stream<Path> all = java.nio.file.Files.walk(folder)) {
            return all.anyMatch(path -> path.getFileName().toString().equals(name));
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return false; // a folder changed while walked: look again
        }
    }
}
