package studio.codeact.gui;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** One window per user, over a real Unix-domain socket: a second launch hands its files to the first and exits. */
class SingleInstanceTest {

    @TempDir
    Path dir;

    @Test
    void aSecondLaunchHandsItsFilesToTheOpenWindow() throws Exception {
        Path socket = dir.resolve("runtime/codeact-studio/studio.sock");
        Optional<SingleInstance> first = SingleInstance.claim(socket, List.of());
        assertThat(first).isPresent();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent()))).isEqualTo("rwx------");
        LinkedBlockingQueue<List<Path>> received = new LinkedBlockingQueue<>();
        first.get().onFiles(received::add);
        try {
            Optional<SingleInstance> second = SingleInstance.claim(socket, List.of(Path.of("sales.csv"), dir.resolve("b.xlsx")));

            assertThat(second).isEmpty();
            assertThat(received.poll(10, TimeUnit.SECONDS))
                    .containsExactly(Path.of("sales.csv").toAbsolutePath(), dir.resolve("b.xlsx"));
            assertThat(SingleInstance.claim(socket, List.of())).isEmpty();
            assertThat(received.poll(10, TimeUnit.SECONDS)).as("a launch without files brings the window forward").isEmpty();
        } finally {
            first.get().close();
        }
        assertThat(socket).doesNotExist();
    }

    @Test
    void filesThatArriveBeforeTheWindowIsReadyWaitForIt() throws Exception {
        Path socket = dir.resolve("early/studio.sock");
        try (SingleInstance first = SingleInstance.claim(socket, List.of()).orElseThrow()) {
            assertThat(SingleInstance.claim(socket, List.of(dir.resolve("early.csv")))).isEmpty();
            LinkedBlockingQueue<List<Path>> received = new LinkedBlockingQueue<>();
            first.onFiles(received::add);
            assertThat(received.poll(10, TimeUnit.SECONDS)).containsExactly(dir.resolve("early.csv"));
        }
    }

    @Test
    void aSocketLeftByACrashedWindowIsTakenOver() throws Exception {
        Path socket = dir.resolve("stale/studio.sock");
        Files.createDirectories(socket.getParent());
        Files.writeString(socket, "left behind");

        try (SingleInstance fresh = SingleInstance.claim(socket, List.of()).orElseThrow()) {
            assertThat(fresh.socket()).isEqualTo(socket);
            assertThat(SingleInstance.claim(socket, List.of())).isEmpty();
        }
    }

    @Test
    void launchesAtTheSameMomentEndWithOneWindowThatGetsEveryFile() throws Exception {
        Path socket = dir.resolve("race/studio.sock");
        int launches = 6;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(launches);
        try {
            List<java.util.concurrent.Future<Optional<SingleInstance>>> claims = new java.util.ArrayList<>();
            for (int i = 0; i < launches; i++) {
                Path file = dir.resolve("f" + i + ".csv");
                claims.add(pool.submit(() -> SingleInstance.claim(socket, List.of(file))));
            }
            List<SingleInstance> windows = new java.util.ArrayList<>();
            for (var claim : claims) {
                claim.get(30, TimeUnit.SECONDS).ifPresent(windows::add);
            }
            assertThat(windows).hasSize(1);
            LinkedBlockingQueue<List<Path>> received = new LinkedBlockingQueue<>();
            windows.getFirst().onFiles(received::add);
            for (int i = 0; i < launches - 1; i++) {
                assertThat(received.poll(10, TimeUnit.SECONDS)).hasSize(1);
            }
            windows.getFirst().close();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theSocketLivesInTheUsersRuntimeFolder() {
        assertThat(SingleInstance.defaultSocket(java.util.Map.of("XDG_RUNTIME_DIR", "/run/user/1000")))
                .isEqualTo(Path.of("/run/user/1000/codeact-studio/studio.sock"));
        assertThat(SingleInstance.defaultSocket(java.util.Map.of("XDG_STATE_HOME", "/home/a/.state")))
                .isEqualTo(Path.of("/home/a/.state/codeact-studio/studio.sock"));
    }
}
