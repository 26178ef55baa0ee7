package studio.codeact.session;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A saved session about to be continued ("Continue" in the window, {@code codeact ask --resume
 * DIR}): where it is, which of its data files are no longer where it loaded them, and how its
 * loading code reads them from where they are now. The re-running itself is the agent's
 * ({@code CodeActAgent.resume}); this class only reads the folder.
 */
public final class SessionResume {

    private final Path folder;
    private final Session session;

    private SessionResume(Path folder, Session session) {
        this.folder = folder;
        this.session = session;
    }

    /**
     * Reads the session in {@code folder}.
     *
     * @throws SessionException when the folder holds no readable session
     */
    public static SessionResume open(Path folder) {
        Path absolute = folder.toAbsolutePath().normalize();
        return new SessionResume(absolute, SessionStore.read(absolute));
    }

    public Path folder() {
        return folder;
    }

    public Session session() {
        return session;
    }

    /** The number the run about to start gets: 2 for the first continuation. */
    public int nextRun() {
        return nextRun(session);
    }

    /** The number the next run of {@code session} gets. */
    public static int nextRun(Session session) {
        int last = 1;
        for (Entry entry : session.entries()) {
            if (entry instanceof Entry.Resumed resumed) {
                last = Math.max(last, resumed.run());
            }
        }
        return last + 1;
    }

    /** Where the session's code ran: its {@code work/} folder when it has one (the command line's), else the folder itself (the window's). */
    public Path workingFolder() {
        Path work = folder.resolve("work");
        return Files.isDirectory(work) ? work : folder;
    }

    /** The data files the session loaded, as recorded (absolute paths), in load order. */
    public List<String> dataFiles() {
        return session.info().datasets().stream().map(DatasetEntry::path).distinct().toList();
    }

    /**
     * Data files that are not where the session loaded them and have no replacement in {@code moved}.
     *
     * @param moved new places, by recorded path or by file name (see {@link #replacement})
     */
    public List<String> missingFiles(Map<String, Path> moved) {
        List<String> missing = new ArrayList<>();
        for (String file : dataFiles()) {
            if (replacement(file, moved).isEmpty() && !Files.isRegularFile(Path.of(file))) {
                missing.add(file);
            }
        }
        return missing;
    }

    /** The new place of a recorded data file: {@code moved} names it by its full recorded path or by its file name alone. */
    public static Optional<Path> replacement(String recorded, Map<String, Path> moved) {
        Path exact = moved.get(recorded);
        if (exact != null) {
            return Optional.of(exact);
        }
        String name = Path.of(recorded).getFileName().toString();
        return Optional.ofNullable(moved.get(name));
    }

    /** Recorded path → new absolute path, for every data file that {@code moved} gives a new place. */
    public Map<String, Path> resolvedMoves(Map<String, Path> moved) {
        Map<String, Path> resolved = new LinkedHashMap<>();
        for (String file : dataFiles()) {
            replacement(file, moved).ifPresent(now -> resolved.put(file, now.toAbsolutePath().normalize()));
        }
        return resolved;
    }

    /**
     * Parses {@code OLD=NEW} pairs (the command line's {@code --remap}).
     *
     * @throws IllegalArgumentException for a pair without {@code =}, or a new place that is not a readable file
     */
    public static Map<String, Path> parseMoves(List<String> pairs) {
        Map<String, Path> moved = new LinkedHashMap<>();
        for (String pair : pairs) {
            int equals = pair.indexOf('=');
            if (equals <= 0 || equals == pair.length() - 1) {
                throw new IllegalArgumentException("--remap takes OLD=NEW (the data file's recorded path or name, then where it is now), not '"
                        + pair + "'");
            }
            Path now = Path.of(pair.substring(equals + 1)).toAbsolutePath().normalize();
            if (!Files.isRegularFile(now) || !Files.isReadable(now)) {
                throw new IllegalArgumentException("--remap " + pair + ": " + now + " is not a readable data file");
            }
            moved.put(pair.substring(0, equals), now);
        }
        return moved;
    }

    /** {@code code} with every Python string literal of a moved file's recorded path replaced by its new path. */
    public static String remapCode(String code, Map<String, Path> resolved) {
        String result = Objects.requireNonNull(code);
        for (Map.Entry<String, Path> move : resolved.entrySet()) {
            String now = studio.codeact.engine.PythonLiteral.string(move.getValue().toString());
            result = result.replace(pythonRepr(move.getKey()), now)
                    .replace('"' + move.getKey() + '"', now)
                    .replace('\'' + move.getKey() + '\'', now);
        }
        return result;
    }

    /** The text as Python's {@code repr} writes a {@code str}: how the generated loading code names its files, so it can be found there. */
    static String pythonRepr(String text) {
        char quote = text.indexOf('\'') >= 0 && text.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder literal = new StringBuilder().append(quote);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> literal.append("\\\\");
                case '\n' -> literal.append("\\n");
                case '\r' -> literal.append("\\r");
                case '\t' -> literal.append("\\t");
                default -> {
                    if (c == quote) {
                        literal.append('\\').append(c);
                    } else if (c < 0x20 || c == 0x7f) {
                        literal.append(String.format("\\x%02x", (int) c));
                    } else {
                        literal.append(c);
                    }
                }
            }
        }
        return literal.append(quote).toString();
    }
}
