package studio.codeact.session;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * Folders and files that only their owner may read: sessions hold the analysis, samples of the
 * data and the model's code, so every folder this app creates for them (and for its settings and
 * state) is {@code rwx------} and every file it writes there {@code rw-------}. Folders that
 * already exist are left as they are (the user chose them). On file systems without POSIX
 * permissions nothing is changed.
 */
public final class PrivateFiles {

    public static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private PrivateFiles() {
    }

    /** Creates {@code folder} and its missing parents, each new one readable by the owner alone; returns {@code folder}. */
    public static Path createFolders(Path folder) throws IOException {
        Path absolute = folder.toAbsolutePath();
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = absolute; p != null && !Files.exists(p); p = p.getParent()) {
            missing.push(p);
        }
        while (!missing.isEmpty()) {
            Path next = missing.pop();
            try {
                createFolder(next);
            } catch (FileAlreadyExistsException raced) {
                if (!Files.isDirectory(next)) {
                    throw raced;
                }
            }
        }
        if (!Files.isDirectory(absolute)) {
            throw new FileAlreadyExistsException(absolute + " exists and is not a folder");
        }
        return folder;
    }

    /** Creates one folder readable by the owner alone. */
    public static Path createFolder(Path folder) throws IOException {
        return POSIX ? Files.createDirectory(folder, folderAttribute()) : Files.createDirectory(folder);
    }

    /** The attribute for {@link java.nio.channels.FileChannel#open} or {@link Files#createFile} of a private file, or none. */
    public static FileAttribute<?>[] fileAttributes() {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
    }

    /** Makes an existing file (or folder) readable by the owner alone. */
    public static void restrict(Path path) throws IOException {
        if (POSIX) {
            Files.setPosixFilePermissions(path, Files.isDirectory(path) ? FOLDER : FILE);
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> folderAttribute() {
        return PosixFilePermissions.asFileAttribute(FOLDER);
    }
}
