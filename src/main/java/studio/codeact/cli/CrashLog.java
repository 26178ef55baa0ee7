package studio.codeact.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads what a JVM crash log ({@code hs_err_pid*.log}) says about the fault, from its header. */
final class CrashLog {

    private static final Pattern SIGNAL = Pattern.compile("^#\\s+(SIG[A-Z]+)\\b.*");
    private static final Pattern FRAME = Pattern.compile("^#\\s+C\\s+\\[([^\\]]+)\\].*");

    private CrashLog() {
    }

    /** E.g. {@code "SIGSEGV in libc.so.6+0x167ad8"}, when the header says. */
    static Optional<String> fault(Path log) {
        String signal = null;
        String frame = null;
        try (BufferedReader reader = Files.newBufferedReader(log, StandardCharsets.ISO_8859_1)) {
            String line;
            for (int n = 0; n < 40 && (line = reader.readLine()) != null; n++) {
                Matcher s = SIGNAL.matcher(line);
                if (signal == null && s.matches()) {
                    signal = s.group(1);
                }
                Matcher f = FRAME.matcher(line);
                if (frame == null && f.matches()) {
                    frame = f.group(1);
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        if (signal == null) {
            return Optional.empty();
        }
        return Optional.of(signal + (frame == null ? "" : " in " + frame));
    }
}
