package studio.codeact.gui.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The one place an export (HTML report, notebook, script) is written to the file the user chose. */
public final class ExportFile {

    private ExportFile() {
    }

    /**
     * Writes {@code text} to {@code target}; blocking, so call it on a worker or the agent thread.
     *
     * @throws UncheckedIOException saying which file could not be written
     */
    public static Path write(Path target, String text) {
        try {
            return Files.writeString(target, text);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + target + ": " + e.getMessage(), e);
        }
    }
}
