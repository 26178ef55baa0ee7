package studio.codeact.cli;

import studio.codeact.session.SessionLock;
import studio.codeact.session.SessionStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Claims the folder {@code ask --out DIR} will write, before anything is written there: a folder
 * that another process holds is refused with its holder named; a non-empty folder that is not
 * one of our sessions is refused untouched; a folder that already holds a session is refused
 * with how to continue it. The claim is the folder's exclusive {@link SessionLock}.
 */
final class OutFolder {

    private OutFolder() {
    }

    /**
     * Creates {@code out} if needed and locks it for {@code label}.
     *
     * @throws IllegalArgumentException (exit 2) with the sentence to show when it is refused
     */
    static SessionLock claim(Path out, String label) {
        Path folder = out.toAbsolutePath().normalize();
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new IllegalArgumentException(folder + " is a file, not a folder; choose a new folder for --out");
        }
        if (Files.isDirectory(folder)) {
            SessionLock.holder(folder).ifPresent(holder -> {
                throw inUse(folder, holder);
            });
            if (!Files.exists(folder.resolve(SessionStore.SESSION_FILE)) && hasForeignFiles(folder)) {
                throw new IllegalArgumentException(folder + " is not empty and holds no CodeAct session, so nothing in it was touched;"
                        + " choose a new or empty folder for --out");
            }
        }
        SessionLock lock;
        try {
            studio.codeact.session.PrivateFiles.createFolders(folder); // readable by the user alone, like every session folder
            lock = SessionLock.acquire(folder, label);
        } catch (SessionLock.HeldException e) {
            throw inUse(folder, e.holder());
        } catch (IOException e) {
            throw new IllegalArgumentException("could not create " + folder + ": " + e.getMessage(), e);
        }
        if (Files.exists(folder.resolve(SessionStore.SESSION_FILE))) {
            lock.close();
            throw alreadyHolds(folder);
        }
        return lock;
    }

    static IllegalArgumentException alreadyHolds(Path folder) {
        return new IllegalArgumentException(folder + " already holds a session; choose another --out folder, or continue it with"
                + " codeact ask --resume " + folder + " \"next question\"");
    }

    private static IllegalArgumentException inUse(Path folder, SessionLock.Holder holder) {
        return new IllegalArgumentException(folder + " is in use by " + holder.describe()
                + "; wait for it to finish, or choose another folder for --out");
    }

    /** True when the folder has anything but a lock file left by one of our runs. */
    private static boolean hasForeignFiles(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.anyMatch(entry -> !entry.getFileName().toString().equals(SessionLock.FILE));
        } catch (IOException e) {
            return true;
        }
    }
}
