package studio.codeact.session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one process that writes a session folder holds its lock: an exclusive OS file lock on
 * {@code .session.lock}, taken atomically before anything else is written, with the holder's
 * process id and command line in the file for whoever is refused. The OS drops the lock when the
 * process dies however it dies, so a session left {@code running} whose lock is free belongs to
 * a dead process ({@link #isHeld}).
 *
 * <p>POSIX file locks belong to the process and any close of the file drops them, so within one
 * JVM the held locks are also kept in a table and the file of a held lock is never reopened.
 * Thread-safe.
 */
public final class SessionLock implements AutoCloseable {

    public static final String FILE = ".session.lock";

    private static final Map<Path, SessionLock> HELD = new ConcurrentHashMap<>();

    private final Path folder;
    private final FileChannel channel;
    private final FileLock lock;
    private final Holder holder;

    private SessionLock(Path folder, FileChannel channel, FileLock lock, Holder holder) {
        this.folder = folder;
        this.holder = holder;
        this.channel = channel;
        this.lock = lock;
    }

    /** Who holds a folder: a process id (0 when it had not written it yet) and its command line. */
    public record Holder(long pid, String command) {
        public String describe() {
            if (pid <= 0) {
                return "another process";
            }
            return "process " + pid + (command.isBlank() ? "" : " (" + command + ")");
        }
    }

    /** Refused: another process (or another session of this one) holds the folder. */
    public static final class HeldException extends SessionException {
        private final transient Holder holder;

        HeldException(Path folder, Holder holder) {
            super(folder + " is in use by " + holder.describe() + "; wait for it to finish or choose another folder", null);
            this.holder = holder;
        }

        public Holder holder() {
            return holder;
        }
    }

    /**
     * Takes the lock of {@code folder} (which must exist) and records this process in it, with
     * {@code label} (e.g. {@code codeact ask}) as the command others are told about.
     *
     * @throws HeldException when another process or another lock of this one holds it
     */
    public static SessionLock acquire(Path folder, String label) {
        Path key = folder.toAbsolutePath().normalize();
        synchronized (HELD) {
            if (HELD.containsKey(key)) {
                throw new HeldException(key, HELD.get(key).holder);
            }
            FileChannel channel = null;
            try {
                channel = FileChannel.open(key.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    Holder holder = readHolder(channel);
                    channel.close();
                    throw new HeldException(key, holder);
                }
                Holder me = new Holder(ProcessHandle.current().pid(), label);
                channel.truncate(0);
                channel.write(ByteBuffer.wrap((me.pid() + "\n" + me.command() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
                channel.force(false);
                SessionLock held = new SessionLock(key, channel, lock, me);
                HELD.put(key, held);
                return held;
            } catch (OverlappingFileLockException e) {
                closeQuietly(channel);
                throw new HeldException(key, new Holder(ProcessHandle.current().pid(), ""));
            } catch (IOException e) {
                closeQuietly(channel);
                throw new SessionException("could not lock " + key + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Holds {@code folder} until this process ends, unless this process holds it already.
     *
     * @throws HeldException when another process holds it
     */
    public static void holdForProcess(Path folder, String label) {
        synchronized (HELD) {
            if (!HELD.containsKey(folder.toAbsolutePath().normalize())) {
                acquire(folder, label);
            }
        }
    }

    /** Whether a live process holds {@code folder} (this one included). A folder without a lock file is free. */
    public static boolean isHeld(Path folder) {
        return holder(folder).isPresent();
    }

    /** The live holder of {@code folder}, if any. */
    public static Optional<Holder> holder(Path folder) {
        Path key = folder.toAbsolutePath().normalize();
        synchronized (HELD) {
            if (HELD.containsKey(key)) {
                return Optional.of(HELD.get(key).holder);
            }
            if (!Files.exists(key.resolve(FILE))) {
                return Optional.empty();
            }
            try (FileChannel channel = FileChannel.open(key.resolve(FILE), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                FileLock probe = channel.tryLock();
                if (probe != null) {
                    probe.release();
                    return Optional.empty();
                }
                return Optional.of(readHolder(channel));
            } catch (IOException | OverlappingFileLockException e) {
                return Optional.empty();
            }
        }
    }

    public Path folder() {
        return folder;
    }

    /** Releases the lock (the file stays; a free lock file means "nobody"). */
    @Override
    public void close() {
        synchronized (HELD) {
            if (HELD.remove(folder, this)) {
                try {
                    lock.release();
                } catch (IOException ignored) {
                    // closing the channel below releases it too
                }
                closeQuietly(channel);
            }
        }
    }

    private static Holder readHolder(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        channel.read(buffer, 0);
        String[] lines = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).split("\n", 3);
        long pid;
        try {
            pid = Long.parseLong(lines[0].strip());
        } catch (NumberFormatException e) {
            pid = 0;
        }
        return new Holder(pid, lines.length > 1 ? lines[1].strip() : "");
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }
}
