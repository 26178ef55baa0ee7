package studio.codeact.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import studio.codeact.session.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The app's own record of how a guarded run ends (see {@link ProcessGuard}): which session
 * folder it writes, as soon as there is one, and the exit code the app decided, written just
 * before it exits. A run whose process ended without a decided code did not end by the app's
 * choice: a native crash, an exit forced by model code, a kill.
 *
 * <p>The file's path comes in the system property {@value #PROPERTY}, never in the environment
 * that model code and child processes see. Without the property (tests, {@code perf}) nothing is
 * written. Thread-safe.
 */
final class Verdict {

    static final String PROPERTY = "codeact.verdict";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path file = configured();
    private static Path session;

    private Verdict() {
    }

    /** What a verdict file says. */
    record Read(Optional<Path> session, OptionalInt exit) {
    }

    private static Path configured() {
        String path = System.getProperty(PROPERTY);
        return path == null || path.isBlank() ? null : Path.of(path);
    }

    /** Whether this process runs under a guard. */
    static synchronized boolean guarded() {
        return file != null;
    }

    /** The run writes {@code folder}: a crash is recovered there. */
    static synchronized void session(Path folder) {
        session = folder.toAbsolutePath();
        write(null);
    }

    /** The app decided {@code exit}; call right before exiting. */
    static synchronized void decided(int exit) {
        write(exit);
    }

    private static void write(Integer exit) {
        if (file == null) {
            return;
        }
        ObjectNode node = JSON.createObjectNode();
        if (session != null) {
            node.put("session", session.toString());
        }
        if (exit != null) {
            node.put("exit", exit);
        }
        AtomicFiles.write(file, node.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Reads a verdict file; a missing or unreadable one says nothing. */
    static Read read(Path path) {
        try {
            JsonNode node = JSON.readTree(Files.readAllBytes(path));
            Optional<Path> folder = node.hasNonNull("session") ? Optional.of(Path.of(node.get("session").asText())) : Optional.empty();
            OptionalInt exit = node.has("exit") && node.get("exit").canConvertToInt() ? OptionalInt.of(node.get("exit").asInt()) : OptionalInt.empty();
            return new Read(folder, exit);
        } catch (IOException | RuntimeException e) {
            return new Read(Optional.empty(), OptionalInt.empty());
        }
    }
}
