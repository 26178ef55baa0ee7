package studio.codeact.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codeact.session.SessionLock;
import studio.codeact.session.SessionStatus;
import studio.codeact.session.SessionStore;
import studio.codeact.testing.OpenAiWireServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13 item 4 across real processes: two {@code codeact ask} runs on one {@code --out}; and
 * {@code codeact recover DIR} by hand. The lock is taken before any engine starts, so one engine
 * stands for both.
 */
class SessionFolderProcessTest {

    @TempDir
    Path home;

    OpenAiWireServer server;

    @BeforeEach
    void start() {
        server = new OpenAiWireServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void twoRunsOnOneFolderOneAnswersTheOtherIsRefusedNamingTheHolder() {
        server.thenText("<execute>\nimport time\ntime.sleep(2)\n</execute>").thenText("<solution>42</solution>")
                .thenText("<execute>\nimport time\ntime.sleep(2)\n</execute>").thenText("<solution>42</solution>");
        GuardedAsk codeact = new GuardedAsk(home, server, "embedded");
        Path out = home.resolve("shared");

        CompletableFuture<GuardedAsk.Result> first = CompletableFuture.supplyAsync(() -> codeact.ask(out, "first"));
        CompletableFuture<GuardedAsk.Result> second = CompletableFuture.supplyAsync(() -> codeact.ask(out, "second"));
        List<GuardedAsk.Result> runs = List.of(first.join(), second.join());

        assertThat(runs).extracting(GuardedAsk.Result::exit).as(runs.toString()).containsExactlyInAnyOrder(0, 2);
        GuardedAsk.Result loser = runs.stream().filter(r -> r.exit() == 2).findFirst().orElseThrow();
        assertThat(loser.err()).containsAnyOf("is in use by process ", "already holds a session");
        assertThat(loser.out()).isEmpty();
        assertThat(SessionStore.read(out).status()).isEqualTo(SessionStatus.ANSWERED);
    }

    @Test
    void recoverClosesASessionLeftRunningAndRefusesALiveOne() throws Exception {
        server.thenText("<execute>\nimport ctypes\nctypes.string_at(0)\n</execute>");
        GuardedAsk codeact = new GuardedAsk(home, server, "embedded");
        Path out = home.resolve("killed");
        // Without the guard nothing closes the session: what a kill -9 of a guard would leave.
        GuardedAsk.Result crashed = codeact.run(List.of("ask", "--engine", "embedded", "--provider", "openai", "--base-url", server.baseUrl(),
                "--model", "scripted", "--settings", home.resolve("settings.json").toString(), "--action-mode", "tags",
                "--out", out.toString(), "Crash"), Map.of("CODEACT_GUARD", "off"));
        assertThat(crashed.exit()).isNotZero();
        assertThat(SessionStore.read(out).status()).isEqualTo(SessionStatus.RUNNING);

        GuardedAsk.Result recovered = codeact.run(List.of("recover", out.toString()), Map.of());

        assertThat(recovered.exit()).as(recovered.err()).isZero();
        assertThat(recovered.out()).contains("marked crashed (cell 1 was running)");
        assertThat(SessionStore.read(out).status()).isEqualTo(SessionStatus.CRASHED);
        assertThat(out.resolve("notebook.ipynb")).exists();

        Path live = Files.createDirectories(home.resolve("live"));
        try (SessionLock ignored = SessionLock.acquire(live, "codeact ask")) {
            GuardedAsk.Result refused = codeact.run(List.of("recover", live.toString()), Map.of());
            assertThat(refused.exit()).isEqualTo(2);
            assertThat(refused.err()).contains("in use by process " + ProcessHandle.current().pid());
        }
    }
}
