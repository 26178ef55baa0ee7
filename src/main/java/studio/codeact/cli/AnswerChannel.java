package studio.codeact.cli;

import picocli.CommandLine;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The one way a guarded command's real output (the answer of {@code ask}, the reports of
 * {@code replay} and {@code bench}) reaches the user's stdout. Under the {@link ProcessGuard} the
 * application process's file descriptor 1 is a pipe the guard copies to stderr — so model code,
 * native libraries, child processes and the JVM's crash banner can never write to, or hold open,
 * the user's stdout — and the command's output goes to a file named by the system property
 * {@value #PROPERTY}, which the guard alone copies to its own stdout as it grows. Without the
 * property (tests, an unguarded run) the command line's own writer is used.
 */
final class AnswerChannel {

    static final String PROPERTY = "codeact.answer";

    private AnswerChannel() {
    }

    /** Points {@code line}'s output at the answer file when this process is guarded. */
    static void install(CommandLine line) {
        String path = System.getProperty(PROPERTY);
        if (path == null || path.isBlank()) {
            return;
        }
        try {
            FileOutputStream file = new FileOutputStream(Path.of(path).toFile(), true);
            line.setOut(new PrintWriter(new OutputStreamWriter(file, StandardCharsets.UTF_8), true));
        } catch (IOException e) {
            throw new IllegalStateException("could not open the answer file " + path + ": " + e.getMessage(), e);
        }
    }
}
