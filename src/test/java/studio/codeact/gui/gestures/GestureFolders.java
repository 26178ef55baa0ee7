package studio.codeact.gui.gestures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Folders for gesture tests under {@code target/gui-gestures}, left in place until {@code mvn clean}. */
final class GestureFolders {

    private static final Path BASE = Path.of("target", "gui-gestures").toAbsolutePath();

    private GestureFolders() {
    }

    static Path create() {
        try {
            return Files.createTempDirectory(Files.createDirectories(BASE), "run-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
