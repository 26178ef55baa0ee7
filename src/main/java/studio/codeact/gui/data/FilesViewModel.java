package studio.codeact.gui.data;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.Stream;

/**
 * What the code wrote into the session's working folder (cleaned CSVs, saved figures, models),
 * newest first. Listing happens on a worker thread.
 */
public final class FilesViewModel {

    /** One file, with its path relative to the working folder. */
    public record FileEntry(Path path, String relative, long bytes, Instant modified) { }

    static final int MAX_DEPTH = 3;
    static final int MAX_FILES = 500;

    private final Executor ui;
    private final Executor worker;
    private final ReadOnlyObjectWrapper<Path> folder = new ReadOnlyObjectWrapper<>(this, "folder");
    private final ObservableList<FileEntry> files = FXCollections.observableArrayList();
    /** One read-only view, kept: listeners added to a throw-away wrapper would be lost with it. */
    private final ObservableList<FileEntry> filesView = FXCollections.unmodifiableObservableList(files);

    public FilesViewModel(Path folder, Executor ui, Executor worker) {
        this.ui = ui;
        this.worker = worker;
        this.folder.set(folder);
    }

    public ReadOnlyObjectProperty<Path> folderProperty() {
        return folder.getReadOnlyProperty();
    }

    public ObservableList<FileEntry> files() {
        return filesView;
    }

    public void setFolder(Path newFolder) {
        folder.set(newFolder);
        refresh();
    }

    /** Lists the folder again; the list updates when done. */
    public CompletableFuture<Void> refresh() {
        Path root = folder.get();
        return CompletableFuture.supplyAsync(() -> list(root), worker)
                .thenAccept(found -> ui.execute(() -> files.setAll(found)));
    }

    /** Copies a file elsewhere (the "save as" of the panel). Runs on the worker thread. */
    public CompletableFuture<Path> copyTo(FileEntry entry, Path target) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return Files.copy(entry.path(), target, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("could not copy " + entry.relative() + " to " + target + ": " + e.getMessage(), e);
            }
        }, worker);
    }

    static List<FileEntry> list(Path root) {
        if (root == null || !Files.isDirectory(root)) {
            return List.of();
        }
        List<FileEntry> found = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root, MAX_DEPTH)) {
            walk.filter(path -> !path.equals(root))
                    .filter(path -> !hidden(root.relativize(path)))
                    .filter(Files::isRegularFile)
                    .limit(MAX_FILES)
                    .forEach(path -> {
                        try {
                            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
                            found.add(new FileEntry(path, root.relativize(path).toString(), attributes.size(),
                                    attributes.lastModifiedTime().toInstant()));
                        } catch (IOException e) {
                            // vanished between listing and reading: skip it
                        }
                    });
        } catch (IOException | UncheckedIOException e) {
            return found;
        }
        found.sort(Comparator.comparing(FileEntry::modified).reversed().thenComparing(FileEntry::relative));
        return found;
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            String name = part.toString();
            if (name.startsWith(".") || name.equals("__pycache__")) {
                return true;
            }
        }
        return false;
    }
}
