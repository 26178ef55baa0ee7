package studio.codeact.engine.kernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where kernels keep their files.
 * <ul>
 *   <li>Connection files: {@code $XDG_RUNTIME_DIR/codeact-studio/} (else
 *       {@code <java.io.tmpdir>/codeact-studio-<user>/}), a folder only its owner can enter;
 *       each file is removed when its kernel stops, at JVM exit, and (when the JVM was killed
 *       outright) by the next JVM that starts a kernel.</li>
 *   <li>Kernel logs (the kernel process's own stdout and stderr, appended):
 *       {@code ${XDG_STATE_HOME:-~/.local/state}/codeact-studio/kernels/kernel-<id>.log};
 *       the newest {@value #KEPT_LOGS} are kept.</li>
 * </ul>
 */
final class KernelFiles {

    static final int KEPT_LOGS = 50;

    private KernelFiles() {
    }

    private static final Pattern CONNECTION_FILE = Pattern.compile("kernel-(\\d+)-[0-9a-f]+\\.json");
    private static final AtomicBoolean SWEPT = new AtomicBoolean();
    /** Folders of kernel logs and connection files: the user's alone. */
    private static final java.util.Set<java.nio.file.attribute.PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    /**
     * A new connection file's path, named for this JVM ({@code kernel-<jvm pid>-<id>.json}) so
     * that files left by a JVM that was killed outright can be told apart and removed.
     */
    static Path connectionFile(String id) {
        Path dir = runtimeDir();
        if (SWEPT.compareAndSet(false, true)) {
            sweepStale(dir);
        }
        return dir.resolve("kernel-" + ProcessHandle.current().pid() + "-" + id + ".json");
    }

    /** Removes connection files whose JVM is gone (it was killed before its shutdown hook ran). */
    static void sweepStale(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Matcher name = CONNECTION_FILE.matcher(file.getFileName().toString());
                if (name.matches() && !ProcessHandle.of(Long.parseLong(name.group(1))).map(ProcessHandle::isAlive).orElse(false)) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // a stale file holds only a dead kernel's key; nothing depends on removing it
        }
    }

    static Path runtimeDir() {
        String xdg = System.getenv("XDG_RUNTIME_DIR");
        Path dir = xdg != null && !xdg.isBlank() && Files.isDirectory(Path.of(xdg))
                ? Path.of(xdg, "codeact-studio")
                : Path.of(System.getProperty("java.io.tmpdir"), "codeact-studio-" + System.getProperty("user.name", "user"));
        return privateDir(dir);
    }

    static Path logDir() {
        String xdg = System.getenv("XDG_STATE_HOME");
        Path state = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "state");
        Path app = state.resolve("codeact-studio");
        Path dir = app.resolve("kernels");
        try {
            // kernel logs hold what the code printed: the app's state folder and this one are the user's alone
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            Files.setPosixFilePermissions(app, OWNER_ONLY);
            Files.setPosixFilePermissions(dir, OWNER_ONLY);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the kernel log folder " + dir, e);
        }
        return dir;
    }

    /** Deletes all but the newest kernel logs (best effort). */
    static void pruneLogs(Path logDir) {
        try (Stream<Path> files = Files.list(logDir)) {
            List<Path> logs = files.filter(p -> p.getFileName().toString().endsWith(".log"))
                    .sorted(Comparator.comparingLong(KernelFiles::modified).reversed())
                    .toList();
            for (Path old : logs.subList(Math.min(KEPT_LOGS, logs.size()), logs.size())) {
                Files.deleteIfExists(old);
            }
        } catch (IOException | UncheckedIOException ignored) {
            // old logs stay; nothing depends on their removal
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static Path privateDir(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the kernel runtime folder " + dir, e);
        }
    }
}
