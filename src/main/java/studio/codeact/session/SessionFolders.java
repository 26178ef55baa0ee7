package studio.codeact.session;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * Where sessions live and how their folders are named: {@code 20261102-100312-mean-price-by-region},
 * the time (UTC) and a few words of the question, unique within the sessions folder. The
 * folder's name is also the session's id.
 */
public final class SessionFolders {

    /** Overrides the sessions folder. */
    public static final String ENV_VAR = "CODEACT_SESSIONS";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final int SLUG_WORDS = 5;

    private SessionFolders() {
    }

    /** {@code $CODEACT_SESSIONS}, else {@code $XDG_DATA_HOME/codeact-studio/sessions}, else {@code ~/.local/share/codeact-studio/sessions}. */
    public static Path defaultRoot(Map<String, String> env) {
        String explicit = env.get(ENV_VAR);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit.trim());
        }
        String data = env.get("XDG_DATA_HOME");
        Path base = data != null && !data.isBlank() ? Path.of(data.trim())
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("codeact-studio").resolve("sessions");
    }

    /** Creates a new, empty, uniquely named session folder under {@code root}, readable by the user alone (as are the folders above it it creates). */
    public static Path create(Path root, String question, Instant now) {
        String base = STAMP.format(now) + slug(question);
        try {
            PrivateFiles.createFolders(root);
            restrictOwnFolders(root);
            for (int n = 1; ; n++) {
                Path candidate = root.resolve(n == 1 ? base : base + "-" + n);
                try {
                    return PrivateFiles.createFolder(candidate);
                } catch (FileAlreadyExistsException taken) {
                    // try the next suffix
                }
            }
        } catch (IOException e) {
            throw new SessionException("could not create a session folder in " + root + ": " + e.getMessage(), e);
        }
    }

    /**
     * The name a new session folder under {@code root} would get now, without creating anything:
     * the window decides its session's folder at start and creates it only when there is
     * something to save ({@link PrivateFiles#createFolders}).
     */
    public static Path reserve(Path root, String question, Instant now) {
        String base = STAMP.format(now) + slug(question);
        for (int n = 1; ; n++) {
            Path candidate = root.resolve(n == 1 ? base : base + "-" + n);
            if (!Files.exists(candidate)) {
                return candidate.toAbsolutePath();
            }
        }
    }

    /** The app's own sessions folder ({@code …/codeact-studio/sessions}) and its parent were 0755 in older versions: tighten them. */
    private static void restrictOwnFolders(Path root) throws IOException {
        Path absolute = root.toAbsolutePath();
        Path parent = absolute.getParent();
        if (absolute.getFileName().toString().equals("sessions") && parent != null && parent.getFileName().toString().equals("codeact-studio")) {
            PrivateFiles.restrict(absolute);
            PrivateFiles.restrict(parent);
        }
    }

    /** {@code -a-few-words} of the question, lower-case ASCII, or empty. */
    static String slug(String question) {
        String[] words = question.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").trim().split(" ");
        StringBuilder slug = new StringBuilder();
        int taken = 0;
        for (String word : words) {
            if (word.isEmpty() || taken == SLUG_WORDS) {
                continue;
            }
            slug.append('-').append(word.length() > 20 ? word.substring(0, 20) : word);
            taken++;
        }
        return slug.toString();
    }
}
