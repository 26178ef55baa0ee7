package studio.codeact.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import studio.codeact.session.SessionStatus;
import studio.codeact.session.SessionStore;
import studio.codeact.testing.LastingFolder;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13 item 8: a model server that accepts the request and never answers. The wait is
 * bounded by {@code --timeout}, and stderr says every ten seconds that the app is waiting. (The
 * model side does not depend on the engine; the embedded one stands for both.)
 */
class ModelServerAskTest {

    private final Path dir = LastingFolder.create("codeact-silent-");
    private ServerSocket silent;
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startSilentServer() throws IOException {
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().start(() -> {
            while (!silent.isClosed()) {
                try {
                    held.add(silent.accept());  // read nothing, answer nothing
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    @AfterEach
    void stop() throws IOException {
        silent.close();
        for (Socket socket : held) {
            socket.close();
        }
    }

    @Test
    void aSilentServerIsWaitedForVisiblyAndOnlyAsLongAsTimeoutSays() {
        Path out = dir.resolve("session");
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        CommandLine line = Main.commandLine();
        line.setOut(new PrintWriter(stdout, true));
        line.setErr(new PrintWriter(stderr, true));

        int exit = line.execute("ask", "--engine", "embedded", "--provider", "openai",
                "--base-url", "http://127.0.0.1:" + silent.getLocalPort() + "/v1", "--model", "m",
                "--settings", dir.resolve("settings.json").toString(), "--out", out.toString(), "--timeout", "11", "Anyone there?");

        assertThat(exit).as(stderr.toString()).isEqualTo(1);
        assertThat(stdout.toString()).isEmpty();
        assertThat(stderr.toString()).contains("codeact: waiting for the model\u2026 10 s")
                .contains("sent no answer within 11 s").contains("raise the limit in --timeout (or the settings file");
        assertThat(SessionStore.read(out).status()).isEqualTo(SessionStatus.FAILED);
    }

    @Test
    void aNonPositiveTimeoutIsBadUsage() {
        StringWriter stderr = new StringWriter();
        CommandLine line = Main.commandLine();
        line.setErr(new PrintWriter(stderr, true));

        int exit = line.execute("ask", "--base-url", "http://127.0.0.1:9/v1", "--model", "m",
                "--settings", dir.resolve("settings.json").toString(), "--timeout", "0", "Q");

        assertThat(exit).isEqualTo(2);
        assertThat(stderr.toString()).contains("--timeout must be a positive number of seconds");
    }
}
