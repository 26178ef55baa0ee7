package studio.codeact.session;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The app's state folder (crash logs, run records) is the user's alone, also when an older version made it open. */
class StateFolderTest {

    @TempDir
    Path dir;

    @Test
    void aNewFolderIsPrivate() throws Exception {
        Path folder = StateFolder.ensure(Map.of("XDG_STATE_HOME", dir.resolve("state").toString()));

        assertThat(folder).isEqualTo(dir.resolve("state").resolve("codeact-studio")).isDirectory();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
    }

    @Test
    void anOpenFolderLeftByAnOlderVersionIsMadePrivate() throws Exception {
        Path open = Files.createDirectories(dir.resolve("codeact-studio"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));

        StateFolder.ensure(Map.of("XDG_STATE_HOME", dir.toString()));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(open))).isEqualTo("rwx------");
    }
}
