package studio.codeact.engine.kernel;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codeact.engine.EngineConfig;
import studio.codeact.engine.EngineException;
import studio.codeact.engine.EngineState;
import studio.codeact.engine.ExecutionStatus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static studio.codeact.engine.kernel.KernelTestSupport.config;

/** The connection file (it holds the signing key) is private while the kernel runs and gone after. */
class KernelFilesTest {

    @AfterAll
    static void noKernelIsLeft() {
        KernelTestSupport.assertNoKernelProcessLeft();
    }

    @Test
    void theConnectionFileIsOwnerOnlyAndRemovedOnClose() throws Exception {
        Path file;
        Path log;
        try (KernelEngine engine = new KernelEngine(config())) {
            engine.start();
            file = engine.connectionFile().orElseThrow();
            log = Path.of(engine.info().details().get("log_file"));
            assertThat(file).exists();
            assertThat(Path.of(engine.info().details().get("connection_file"))).isEqualTo(file);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
            ConnectionInfo info = ConnectionInfo.read(file);
            assertThat(info.ip()).isEqualTo("127.0.0.1");
            assertThat(info.key()).hasSize(64);
            assertThat(info.signatureScheme()).isEqualTo("hmac-sha256");
        }
        assertThat(file).doesNotExist();
        assertThat(log).exists(); // the kernel's own output stays for diagnosis
    }

    @Test
    void aPythonWithoutIpykernelFailsToStartWithItsOwnWordsAndLeavesNothingBehind(@TempDir Path temp) throws Exception {
        Path fake = temp.resolve("python3");
        Files.writeString(fake, "#!/bin/sh\necho \"/usr/bin/python3: No module named ipykernel_launcher\" >&2\nexit 1\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        KernelEngine engine = new KernelEngine(EngineConfig.of(fake));
        List<Path> before = connectionFiles();
        try {
            assertThatThrownBy(engine::start).isInstanceOf(EngineException.class)
                    .hasMessageContaining("exited with code 1").hasMessageContaining("No module named ipykernel_launcher");
            assertThat(engine.state()).isEqualTo(EngineState.DEAD);
            assertThat(KernelTestSupport.run(engine, "1").status()).isEqualTo(ExecutionStatus.ABORTED);
        } finally {
            engine.close();
        }
        assertThat(connectionFiles()).as("connection files left behind").isSubsetOf(before);
        assertThatThrownBy(() -> new KernelEngine(EngineConfig.of(temp.resolve("missing"))).start())
                .isInstanceOf(EngineException.class).hasMessageContaining("no Python interpreter at");
    }

    @Test
    void connectionFilesLeftByAKilledJvmAreSweptAndLiveOnesKept(@TempDir Path dir) throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        Path stale = Files.writeString(dir.resolve("kernel-" + finished.pid() + "-0123abcd.json"), "{}");
        Path live = Files.writeString(dir.resolve("kernel-" + ProcessHandle.current().pid() + "-4567ef01.json"), "{}");
        Path unrelated = Files.writeString(dir.resolve("notes.json"), "{}");

        KernelFiles.sweepStale(dir);

        assertThat(stale).doesNotExist();
        assertThat(live).exists();
        assertThat(unrelated).exists();
    }

    private static List<Path> connectionFiles() throws IOException {
        try (Stream<Path> files = Files.list(KernelFiles.runtimeDir())) {
            return files.filter(file -> file.getFileName().toString().endsWith(".json")).toList();
        }
    }

    @Test
    void closeIsIdempotentAndAnEngineNeverStartedClosesQuietly() {
        KernelEngine never = new KernelEngine(config());
        never.close();
        never.close();
        assertThat(never.state()).isEqualTo(EngineState.CLOSED);

        KernelEngine engine = new KernelEngine(config());
        engine.start();
        engine.close();
        engine.close();
        assertThat(engine.state()).isEqualTo(EngineState.CLOSED);
        assertThat(KernelTestSupport.run(engine, "1").status()).isEqualTo(studio.codeact.engine.ExecutionStatus.ABORTED);
    }
}
