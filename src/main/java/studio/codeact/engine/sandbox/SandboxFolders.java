package studio.codeact.engine.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The private folders sandboxed code may write besides its working folder: {@code tmp/}
 * ({@code TMPDIR}) and {@code cache/} (matplotlib's, IPython's and other libraries' caches), under
 * one folder only this user can enter. A kernel gets its own; the embedded engines of a process
 * share one (the environment that points at it is the process's), removed when the JVM exits.
 */
public record SandboxFolders(Path root, Path tmp, Path cache) {

    private static SandboxFolders shared;

    /** New folders, {@code codeact-sandbox-*} in the system's temporary folder. */
    public static SandboxFolders create() {
        try {
            Path root = Files.createTempDirectory("codeact-sandbox-", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            Path tmp = Files.createDirectories(root.resolve("tmp"));
            Path cache = Files.createDirectories(root.resolve("cache"));
            seedFontList(userMatplotlibCache(), cache.resolve("matplotlib"));
            return new SandboxFolders(root, tmp, cache);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the sandbox's private folder", e);
        }
    }

    /**
     * Copies matplotlib's font list ({@code fontlist-v*.json}) from the user's own matplotlib cache
     * into {@code target} (the sandbox's {@code MPLCONFIGDIR}): without it each sandboxed kernel
     * rebuilds the list when its support setup turns on inline figures (0.2 s of CPU with a few
     * dozen fonts, seconds with many), before its first cell runs. Nothing to copy: matplotlib
     * builds it. Only the copy is writable to the code; the user's cache is never written.
     */
    static void seedFontList(Path source, Path target) {
        if (!Files.isDirectory(source)) {
            return;
        }
        try (Stream<Path> lists = Files.list(source)) {
            for (Path list : lists.filter(SandboxFolders::isFontList).toList()) {
                Files.createDirectories(target);
                Files.copy(list, target.resolve(list.getFileName()));
            }
        } catch (IOException | UncheckedIOException e) {
            System.getLogger(SandboxFolders.class.getName()).log(System.Logger.Level.DEBUG, "no font list copied from " + source, e);
        }
    }

    private static boolean isFontList(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith("fontlist-v") && name.endsWith(".json") && Files.isRegularFile(file);
    }

    /** Where matplotlib keeps the user's cache: {@code $MPLCONFIGDIR}, else {@code $XDG_CACHE_HOME/matplotlib}, else {@code ~/.cache/matplotlib}. */
    static Path userMatplotlibCache() {
        String config = System.getenv("MPLCONFIGDIR");
        if (config != null && !config.isBlank()) {
            return Path.of(config);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : SandboxLaunch.home().resolve(".cache");
        return cache.resolve("matplotlib");
    }

    /** The folders every embedded engine of this process shares. */
    public static synchronized SandboxFolders shared() {
        if (shared == null) {
            SandboxFolders folders = create();
            Runtime.getRuntime().addShutdownHook(new Thread(folders::delete, "codeact-sandbox-folders"));
            shared = folders;
        }
        return shared;
    }

    /** Removes the folders and what the code left in them. */
    public void delete() {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.getLogger(SandboxFolders.class.getName()).log(System.Logger.Level.DEBUG, "could not remove " + root, e);
        }
    }
}
