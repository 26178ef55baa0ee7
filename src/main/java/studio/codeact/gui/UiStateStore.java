package studio.codeact.gui;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Reads and writes {@link UiState} as JSON; a missing or broken file gives the defaults. */
public final class UiStateStore {

    private static final System.Logger LOG = System.getLogger(UiStateStore.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;

    public UiStateStore(Path file) {
        this.file = file;
    }

    /** {@code window.json} in the app's configuration folder. */
    public static UiStateStore inConfigFolder() {
        return new UiStateStore(configFolder().resolve("window.json"));
    }

    /**
     * The app's configuration folder: system property {@code codeact.config.dir} (tests), else
     * {@code $XDG_CONFIG_HOME/codeact-studio}, else {@code ~/.config/codeact-studio}.
     */
    public static Path configFolder() {
        String override = System.getProperty("codeact.config.dir");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("codeact-studio");
    }

    public Path file() {
        return file;
    }

    public UiState load() {
        if (!Files.isRegularFile(file)) {
            return UiState.defaults();
        }
        try {
            return JSON.readValue(file.toFile(), UiState.class);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "ignoring unreadable window state " + file + ": " + e.getMessage());
            return UiState.defaults();
        }
    }

    /** Writes atomically (temp file then move), so a crash never leaves half a file. */
    public void save(UiState state) {
        try {
            // The config folder is the app's own: readable by the user alone, even if an older version made it 0755.
            studio.codeact.session.PrivateFiles.createFolders(file.getParent());
            studio.codeact.session.PrivateFiles.restrict(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), "window", ".tmp");
            JSON.writeValue(temp.toFile(), state);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not save window state to " + file + ": " + e.getMessage());
        }
    }
}
