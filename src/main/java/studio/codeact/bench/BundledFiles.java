package studio.codeact.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Python that ships inside the jar for the benchmark: the harness package
 * ({@code codeact_bench}) and the built-in suite. Python imports files, not jar entries, so
 * they are copied once per process into a private folder, removed when the JVM exits.
 * {@code bundled.txt} lists them (a test keeps it in step with the resource folder).
 */
public final class BundledFiles {

    static final String INDEX = "bundled.txt";

    private static Path root;

    private BundledFiles() {
    }

    /** The folder holding the {@code codeact_bench} package (put it on {@code sys.path}). */
    public static Path harnessFolder() {
        return root().resolve("python");
    }

    /** The built-in suite's folder. */
    public static Path builtinSuite() {
        return root().resolve("suite");
    }

    /** The files {@code bundled.txt} lists, relative to the bench resource folder. */
    static List<String> index() {
        return read(INDEX).lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    private static synchronized Path root() {
        if (root == null) {
            try {
                Path folder = Files.createTempDirectory("codeact-bench-");
                for (String name : index()) {
                    Path target = folder.resolve(name);
                    Files.createDirectories(target.getParent());
                    try (InputStream in = open(name)) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(folder), "codeact-bench-cleanup"));
                root = folder;
            } catch (IOException e) {
                throw new UncheckedIOException("could not unpack the benchmark's Python files", e);
            }
        }
        return root;
    }

    /** A text resource of this package. */
    static String read(String name) {
        try (InputStream in = open(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String name) {
        InputStream in = BundledFiles.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is missing from the application");
        }
        return in;
    }

    private static void deleteTree(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // best effort at exit: the folder lives under the temp directory anyway
        }
    }
}
