package studio.codeact.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The Python side shared by both engines ({@code codeact_support.py}): written once per process
 * into a private folder that an engine puts on the interpreter's {@code sys.path}.
 */
public final class PythonSupport {

    public static final String MODULE = "codeact_support";

    private static Path folder;

    private PythonSupport() {
    }

    /** The folder holding {@code codeact_support.py}, created on first use and removed when the JVM exits. */
    public static synchronized Path folder() {
        if (folder == null) {
            try {
                Path dir = Files.createTempDirectory("codeact-support-");
                dir.toFile().deleteOnExit(); // first: deleteOnExit works in reverse, the folder must go last
                Path file = dir.resolve(MODULE + ".py");
                Files.writeString(file, resource(MODULE + ".py"));
                file.toFile().deleteOnExit();
                folder = dir;
            } catch (IOException e) {
                throw new UncheckedIOException("could not write the Python support module", e);
            }
        }
        return folder;
    }

    /** A Python source file shipped in this package, as text. */
    public static String resource(String name) {
        try (InputStream in = PythonSupport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the application");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a shipped resource to {@code target} (used by engines that need a file path). */
    public static Path copyResource(String name, Path target) {
        try (InputStream in = PythonSupport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the application");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
