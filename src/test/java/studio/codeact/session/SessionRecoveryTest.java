package studio.codeact.session;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codeact.engine.Output;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A session whose process died: found, closed as crashed with its running action, exported; a live one never touched. */
class SessionRecoveryTest {

    @TempDir
    Path root;

    /** What a process that died while running cell 2 leaves on disk. */
    private Path leftRunning(String name) {
        Path folder = root.resolve(name);
        Session session = Session.start(name, SessionSamples.T0, SessionSamples.info())
                .withEntry(new Entry.Question(SessionSamples.T0, "What is it?"))
                .withEntry(new Entry.CodeCell(SessionSamples.T0, new Cell(1, CellKind.ACTION, 1, "x = 1", CellStatus.OK, 1,
                        List.of(new Output.Stream(Output.StreamName.STDOUT, "1\n")), List.of(), 5)))
                .withEntry(new Entry.CodeCell(SessionSamples.T0, Cell.pending(2, CellKind.ACTION, 2, "import ctypes\nctypes.string_at(0)")));
        SessionStore.create(folder, session).close();
        return folder;
    }

    @Test
    void aSessionLeftRunningIsMarkedCrashedWithItsRunningActionAndExported() {
        Path folder = leftRunning("20261204-100000-crash");

        SessionRecovery.Outcome outcome = SessionRecovery.recover(folder, "a native fault (SIGSEGV)");

        assertThat(outcome.crashed()).isTrue();
        assertThat(outcome.cell()).hasValue(2);
        Session after = SessionStore.read(folder);
        assertThat(after.status()).isEqualTo(SessionStatus.CRASHED);
        assertThat(after.failure()).contains("the process died in cell 2").contains("SIGSEGV");
        Cell died = after.cell(2).orElseThrow();
        assertThat(died.status()).isEqualTo(CellStatus.DIED);
        assertThat(died.code()).isEqualTo("import ctypes\nctypes.string_at(0)");
        assertThat(died.error()).hasValueSatisfying(e -> assertThat(e.evalue()).startsWith("the process died while this cell ran"));
        assertThat(after.cell(1).orElseThrow().status()).isEqualTo(CellStatus.OK);
        assertThat(folder.resolve(Exports.NOTEBOOK_FILE)).exists();
        assertThat(folder.resolve(Exports.SCRIPT_FILE)).content().contains("ctypes.string_at(0)");
        assertThat(folder.resolve(Exports.TRAJECTORY_FILE)).exists();
    }

    @Test
    void aSessionThatEndedKeepsItsRecord() {
        Path folder = leftRunning("20261204-100001-done");
        SessionStore store = SessionStore.reopen(folder);
        store.update(s -> s.withStatus(SessionStatus.ANSWERED, "", SessionSamples.T0));
        store.close();

        SessionRecovery.Outcome outcome = SessionRecovery.recover(folder, "whatever");

        assertThat(outcome.crashed()).isFalse();
        assertThat(SessionStore.read(folder).status()).isEqualTo(SessionStatus.ANSWERED);
        assertThat(folder.resolve(Exports.NOTEBOOK_FILE)).exists();
    }

    @Test
    void aLiveProcessesSessionIsNeitherFoundNorTouched() throws Exception {
        Path live = leftRunning("20261204-100002-live");
        Path dead = leftRunning("20261204-100003-dead");
        try (SessionLock ignored = SessionLock.acquire(live, "codeact ask")) {
            assertThat(AbandonedSessions.find(root)).containsExactly(dead);
            assertThatThrownBy(() -> SessionRecovery.recover(live, "x")).isInstanceOf(SessionLock.HeldException.class)
                    .hasMessageContaining("process " + ProcessHandle.current().pid() + " (codeact ask)");
            assertThat(SessionStore.read(live).status()).isEqualTo(SessionStatus.RUNNING);
        }
        assertThat(AbandonedSessions.find(root)).containsExactly(dead, live);
        Files.createDirectories(root.resolve("20261204-100004-empty"));
        assertThat(AbandonedSessions.find(root)).hasSize(2);
    }

    @Test
    void theLockIsExclusiveAndSaysWhoHoldsIt() throws Exception {
        Path folder = Files.createDirectories(root.resolve("locked"));
        SessionLock first = SessionLock.acquire(folder, "codeact ask");
        assertThatThrownBy(() -> SessionLock.acquire(folder, "another")).isInstanceOf(SessionLock.HeldException.class)
                .hasMessageContaining("in use by process " + ProcessHandle.current().pid() + " (codeact ask)");
        assertThat(SessionLock.holder(folder)).hasValueSatisfying(h -> assertThat(h.command()).isEqualTo("codeact ask"));
        first.close();
        assertThat(SessionLock.isHeld(folder)).isFalse();
        SessionLock.acquire(folder, "again").close();
    }
}
