package studio.codeact.session;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SessionFoldersTest {

    @TempDir
    Path root;

    @Test
    void foldersAreNamedByTimeAndQuestionAndNeverReused() {
        Instant now = Instant.parse("2026-11-02T10:03:12Z");

        Path first = SessionFolders.create(root, "What's the mean price by region, per year & quarter?", now);
        Path second = SessionFolders.create(root, "What's the mean price by region, per year & quarter?", now);

        assertThat(first.getFileName().toString()).isEqualTo("20261102-100312-what-s-the-mean-price");
        assertThat(second.getFileName().toString()).isEqualTo("20261102-100312-what-s-the-mean-price-2");
        assertThat(first).isDirectory();
    }

    @Test
    void theSessionsFolderFollowsTheEnvironment() {
        assertThat(SessionFolders.defaultRoot(Map.of("CODEACT_SESSIONS", "/tmp/s"))).isEqualTo(Path.of("/tmp/s"));
        assertThat(SessionFolders.defaultRoot(Map.of("XDG_DATA_HOME", "/data"))).isEqualTo(Path.of("/data/codeact-studio/sessions"));
        assertThat(SessionFolders.defaultRoot(Map.of()).toString()).endsWith("/.local/share/codeact-studio/sessions");
    }
}
