package studio.codeact.session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Holds the latest {@link Session} and keeps its folder up to date: every change is written to
 * {@code session.json} atomically (see {@link AtomicFiles}) by a background writer
 * ({@link SessionWriter}), so the file is always a complete record, at most one write behind,
 * and killing the process at any moment leaves a readable session; figures go to
 * {@code figures/NNN.png} as they arrive, before any record names them. {@link #flush()} waits
 * for the writer; {@link #close()} flushes and stops it. A store without a folder keeps the
 * session in memory only (benchmarks, tests).
 *
 * <p>Thread-safe: every method may be called from any thread.
 */
public final class SessionStore implements AutoCloseable {

    public static final String SESSION_FILE = "session.json";
    public static final String FIGURES_FOLDER = "figures";

    private final Path folder;
    private final SessionWriter writer;
    private Session current;
    private int figures;

    private SessionStore(Path folder, Session initial, int figures) {
        this.folder = folder;
        this.current = Objects.requireNonNull(initial);
        this.figures = figures;
        this.writer = folder == null ? null : new SessionWriter(folder.resolve(SESSION_FILE));
    }

    /** Creates the folder (and {@code figures/}), readable by the user alone when it is new, and writes the first record. */
    public static SessionStore create(Path folder, Session initial) {
        try {
            PrivateFiles.createFolders(folder.resolve(FIGURES_FOLDER));
        } catch (IOException e) {
            throw new SessionException("could not create the session folder " + folder + ": " + e.getMessage(), e);
        }
        AtomicFiles.write(folder.resolve(SESSION_FILE), SessionJson.write(initial));
        return new SessionStore(folder.toAbsolutePath(), initial, 0);
    }

    /** A store that writes nothing. */
    public static SessionStore inMemory(Session initial) {
        return new SessionStore(null, initial, 0);
    }

    /** Continues an existing session folder: later changes are written there, figures numbered after the existing ones. */
    public static SessionStore reopen(Path folder) {
        Session session = read(folder);
        try {
            PrivateFiles.createFolders(folder.resolve(FIGURES_FOLDER));
        } catch (IOException e) {
            throw new SessionException("could not create " + folder.resolve(FIGURES_FOLDER) + ": " + e.getMessage(), e);
        }
        return new SessionStore(folder.toAbsolutePath(), session, countFigures(folder));
    }

    /**
     * Reads {@code session.json} of a session folder, with its figures.
     *
     * @throws SessionException when the folder has no readable session
     */
    public static Session read(Path folder) {
        Path file = folder.resolve(SESSION_FILE);
        byte[] json;
        try {
            json = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new SessionException(folder + " is not a session folder: it has no " + SESSION_FILE, e);
        } catch (IOException e) {
            throw new SessionException("could not read " + file + ": " + e.getMessage(), e);
        }
        return SessionJson.read(json, relative -> loadFigure(folder, relative));
    }

    public synchronized Session current() {
        return current;
    }

    public Optional<Path> folder() {
        return Optional.ofNullable(folder);
    }

    /** Applies {@code change} to the latest session, hands the result to the writer, and returns it. */
    public synchronized Session update(UnaryOperator<Session> change) {
        current = Objects.requireNonNull(change.apply(current));
        if (writer != null) {
            writer.submit(current);
        }
        return current;
    }

    /**
     * Waits until {@code session.json} holds the latest session.
     *
     * @throws SessionException when writing failed
     */
    public void flush() {
        if (writer != null) {
            writer.flush();
        }
    }

    /** Flushes and stops the writer; later updates fail. */
    @Override
    public void close() {
        if (writer != null) {
            writer.close();
        }
    }

    /**
     * Saves a PNG as the next {@code figures/NNN.png} and returns that path relative to the
     * session folder (the in-memory store only counts, and returns the path it would have used).
     */
    public synchronized String saveFigure(byte[] png) {
        figures++;
        String relative = FIGURES_FOLDER + "/" + String.format(Locale.ROOT, "%03d.png", figures);
        if (folder != null) {
            AtomicFiles.write(folder.resolve(relative), png);
        }
        return relative;
    }

    /** Number of figures saved so far. */
    public synchronized int figureCount() {
        return figures;
    }

    /** Writes {@code notebook.ipynb}, {@code analysis.py} and {@code trajectory.jsonl} of the latest session. */
    public void exportAll() {
        if (folder != null) {
            flush();
            Exports.writeAll(current(), folder);
        }
    }

    private static Optional<String> loadFigure(Path folder, String relative) {
        Path file = folder.resolve(relative).normalize();
        if (!file.startsWith(folder.normalize()) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Base64.getEncoder().encodeToString(Files.readAllBytes(file)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int countFigures(Path folder) {
        Path figuresFolder = folder.resolve(FIGURES_FOLDER);
        if (!Files.isDirectory(figuresFolder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(figuresFolder)) {
            return (int) files.filter(p -> p.getFileName().toString().matches("\\d+\\.png")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
