package studio.codeact.engine.kernel;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import studio.codeact.engine.EngineState;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
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
