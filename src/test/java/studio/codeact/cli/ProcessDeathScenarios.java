package studio.codeact.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codeact.session.Cell;
import studio.codeact.session.CellStatus;
import studio.codeact.session.Exports;
import studio.codeact.session.Session;
import studio.codeact.session.SessionStatus;
import studio.codeact.session.SessionStore;
import studio.codeact.testing.OpenAiWireServer;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13, items 1 and 2: model code that kills the process natively or forces an exit code,
 * run through the real {@code codeact ask} process under each engine. The embedded engine's
 * crash must end as exit 1 with a crashed, exported session and nothing but the answer channel
 * on stdout; the kernel engine survives such code in its own process.
 */
abstract class ProcessDeathScenarios {

    static final String SEGFAULT = "<execute>\nimport ctypes\nctypes.string_at(0)\n</execute>";

    @TempDir
    Path home;

    OpenAiWireServer server;
    GuardedAsk codeact;

    abstract String engine();

    @BeforeEach
    void start() {
        server = new OpenAiWireServer();
        codeact = new GuardedAsk(home, server, engine());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static String exitCode(int code) {
        return "<execute>\nimport ctypes\nctypes.CDLL(None)._exit(" + code + ")\n</execute>";
    }

    @Test
    void onlyTheAnswerReachesStdoutEvenWhenCodeWritesToFileDescriptorOne() {
        server.thenText("<execute>\nimport os\nos.write(1, b'written to fd 1 by model code\\n')\nprint('printed')\n</execute>")
                .thenText("Done: <solution>42</solution>");
        Path out = home.resolve("session");

        GuardedAsk.Result run = codeact.ask(out, "What is it?");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("42\n");
        assertThat(SessionStore.read(out).status()).isEqualTo(SessionStatus.ANSWERED);
    }

    /** What the session and the process look like after {@code code} ran as cell 1. */
    abstract void checkDeadlyCode(String code, GuardedAsk.Result run, Path out);

    private void runDeadly(String name, String code) {
        server.thenText(code).thenText("It survived: <solution>survived</solution>");
        Path out = home.resolve(name);
        GuardedAsk.Result run = codeact.ask(out, "Run this");
        checkDeadlyCode(code, run, out);
        assertThat(GuardedAsk.crashLogs(out)).as("no JVM crash log in the session folder").isEmpty();
    }

    @Test
    void aNativeCrashInModelCode() {
        runDeadly("crash", SEGFAULT);
    }

    @Test
    void modelCodeCannotMakeTheAppSayAnswered() {
        runDeadly("exit0", exitCode(0));
    }

    @Test
    void modelCodeCannotMakeTheAppSayTurnLimit() {
        runDeadly("exit3", exitCode(3));
    }

    static Cell onlyCell(Session session) {
        assertThat(session.cells()).hasSize(1);
        return session.cells().getFirst();
    }

    static void assertExported(Path out) {
        assertThat(out.resolve(Exports.NOTEBOOK_FILE)).exists();
        assertThat(out.resolve(Exports.SCRIPT_FILE)).exists();
        assertThat(out.resolve(Exports.TRAJECTORY_FILE)).exists();
    }

    static void assertCrashed(Session session, String code) {
        assertThat(session.status()).isEqualTo(SessionStatus.CRASHED);
        Cell cell = onlyCell(session);
        assertThat(cell.status()).isEqualTo(CellStatus.DIED);
        assertThat(code).contains(cell.code().strip());
        assertThat(cell.code()).contains("ctypes");
        assertThat(cell.error()).hasValueSatisfying(e -> assertThat(e.evalue()).contains("the process died"));
    }

    @Test
    void controlCDuringACellIsRecordedAsCancelledByTheUser() throws Exception {
        server.thenText("<execute>\nimport time\nprint('sleeping', flush=True)\ntime.sleep(120)\n</execute>")
                .thenText("<solution>not reached</solution>");
        Path out = home.resolve("interrupted");
        Process ask = codeact.startInOwnGroup(out, "Sleep");
        CompletableFuture<GuardedAsk.Result> ended = CompletableFuture.supplyAsync(() -> GuardedAsk.finish(ask));
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(180);
        while (!cellIsRunning(out)) {
            assertThat(System.nanoTime()).as("cell 1 never started").isLessThan(deadline);
            assertThat(ask.isAlive()).as("ask ended early").isTrue();
            Thread.onSpinWait();
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000);
        }
        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000_000L);  // let the code reach its sleep

        GuardedAsk.controlC(ask);
        GuardedAsk.Result run = ended.join();

        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        Session session = SessionStore.read(out);
        assertThat(session.status()).isEqualTo(SessionStatus.CANCELLED);
        Cell cell = onlyCell(session);
        assertThat(cell.status()).isEqualTo(CellStatus.ERROR);
        assertThat(cell.error()).hasValueSatisfying(e -> assertThat(e.summary()).isEqualTo("KeyboardInterrupt: cancelled by the user"));
        assertThat(java.nio.file.Files.readString(out.resolve("session.json"))).doesNotContain("SIGKILL").doesNotContain("out-of-memory");
    }

    private static boolean cellIsRunning(Path out) {
        try {
            return SessionStore.read(out).cells().stream().anyMatch(c -> c.status() == CellStatus.PENDING);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
