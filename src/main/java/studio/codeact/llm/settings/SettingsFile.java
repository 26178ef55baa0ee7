package studio.codeact.llm.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The app's settings file, {@code ${XDG_CONFIG_HOME:-~/.config}/codeact-studio/settings.json},
 * shared by the GUI, the CLI and the launcher script (which reads its {@code "python"} key).
 * It holds API keys, so it is written owner-only ({@code rw-------}, folder {@code rwx------})
 * and atomically (a temporary file moved into place). Keys this class does not know are kept.
 *
 * <p>Reads and writes whole files; safe to use from any thread, last writer wins.
 */
public final class SettingsFile {

    public static final String FOLDER = "codeact-studio";
    public static final String FILE = "settings.json";

    private static final System.Logger LOG = System.getLogger(SettingsFile.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_FOLDER = PosixFilePermissions.fromString("rwx------");

    private final Path path;

    public SettingsFile(Path path) {
        this.path = path;
    }

    /** The file at the standard location for this user and environment. */
    public static SettingsFile standard() {
        return new SettingsFile(standardPath(System.getenv(), System.getProperty("user.home")));
    }

    /**
     * {@code $XDG_CONFIG_HOME/codeact-studio/settings.json}, or {@code ~/.config/…} when the
     * variable is unset, empty or relative (the XDG spec says to ignore relative paths).
     */
    public static Path standardPath(Map<String, String> env, String userHome) {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : Path.of(userHome, ".config");
        return base.resolve(FOLDER).resolve(FILE);
    }

    public Path path() {
        return path;
    }

    /**
     * The whole file as a JSON object; empty when there is no file yet.
     *
     * @throws IllegalArgumentException when the file is not a JSON object (the message says which file and how to fix it)
     * @throws UncheckedIOException     when it cannot be read
     */
    public ObjectNode read() {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return JSON.createObjectNode();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the settings file " + path + ": " + e.getMessage(), e);
        }
        warnIfReadableByOthers();
        if (text.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode root = JSON.readTree(text);
            if (root instanceof ObjectNode object) {
                return object;
            }
            throw new IllegalArgumentException("the settings file " + path + " is not a JSON object; fix it or delete it");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the settings file " + path + " is not valid JSON (line "
                    + e.getLocation().getLineNr() + ": " + e.getOriginalMessage() + "); fix it or delete it", e);
        }
    }

    /** Replaces the file with {@code root}, owner-only, atomically. */
    public void write(ObjectNode root) {
        try {
            Path folder = path.toAbsolutePath().getParent();
            createFolder(folder);
            Path temporary = posix() ? Files.createTempFile(folder, ".settings-", ".tmp", asAttribute(OWNER_FILE))
                    : Files.createTempFile(folder, ".settings-", ".tmp");
            try {
                Files.writeString(temporary, JSON.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
                try {
                    Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the settings file " + path + ": " + e.getMessage(), e);
        }
    }

    /** Reads the file, lets {@code change} edit it, writes it back; other keys stay as they were. */
    public ObjectNode update(Consumer<ObjectNode> change) {
        ObjectNode root = read();
        change.accept(root);
        write(root);
        return root;
    }

    /**
     * Every text value of a field whose name mentions a key, a token or a secret, anywhere in the
     * file (the model's API keys, the Jupyter token …): what the engines redact from outputs. An
     * unreadable file has none.
     */
    public java.util.List<String> keyValues() {
        java.util.List<String> keys = new java.util.ArrayList<>();
        try {
            collectKeys(read(), keys);
        } catch (RuntimeException unreadable) {
            // an unreadable settings file has no keys to redact
        }
        return keys;
    }

    private static void collectKeys(JsonNode node, java.util.List<String> keys) {
        node.properties().forEach(entry -> {
            String name = entry.getKey().toLowerCase(java.util.Locale.ROOT);
            JsonNode value = entry.getValue();
            if (value.isTextual() && (name.contains("key") || name.contains("token") || name.contains("secret"))) {
                keys.add(value.asText());
            } else if (value.isContainerNode()) {
                collectKeys(value, keys);
            }
        });
        if (node.isArray()) {
            node.forEach(item -> collectKeys(item, keys));
        }
    }

    private void createFolder(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            return;
        }
        if (posix()) {
            Files.createDirectories(folder.getParent());
            try {
                Files.createDirectory(folder, asAttribute(OWNER_FOLDER));
            } catch (FileAlreadyExistsException raced) {
                // another writer made it first
            }
        } else {
            Files.createDirectories(folder);
        }
    }

    private void warnIfReadableByOthers() {
        if (!posix()) {
            return;
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
            if (permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ)) {
                LOG.log(System.Logger.Level.WARNING, () -> "the settings file " + path + " may hold API keys but others can read it; run: chmod 600 " + path);
            }
        } catch (IOException e) {
            // permissions unknown; nothing to say
        }
    }

    private boolean posix() {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static FileAttribute<Set<PosixFilePermission>> asAttribute(Set<PosixFilePermission> permissions) {
        return PosixFilePermissions.asFileAttribute(permissions);
    }
}
