package studio.codeact.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A temporary folder that lasts until the test JVM exits, for tests whose folder becomes a Python
 * engine's working folder. The embedded engine shares one interpreter, and so one current
 * folder, across the whole process: a folder deleted after one test (as {@code @TempDir} does)
 * would leave the next engine starting in a folder that no longer exists.
 */
public final class LastingFolder {

    private LastingFolder() {
    }

    public static Path create(String prefix) {
        try {
            Path folder = Files.createTempDirectory(prefix);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(folder)));
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Best effort at exit.
        }
    }
}
