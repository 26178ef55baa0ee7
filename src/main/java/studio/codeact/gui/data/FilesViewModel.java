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

    /** What a listing found, and why it may be incomplete ({@code ""} when it is complete). */
    record Listing(List<FileEntry> files, String problem) { }

    static final int MAX_DEPTH = 3;
    static final int MAX_FILES = 500;

    private final Executor ui;
    private final Executor worker;
    private final ReadOnlyObjectWrapper<Path> folder = new ReadOnlyObjectWrapper<>(this, "folder");
    private final ObservableList<FileEntry> files = FXCollections.observableArrayList();
    /** One read-only view, kept: listeners added to a throw-away wrapper would be lost with it. */
    private final ObservableList<FileEntry> filesView = FXCollections.unmodifiableObservableList(files);
    private final javafx.beans.property.ReadOnlyStringWrapper problem = new javafx.beans.property.ReadOnlyStringWrapper(this, "problem", "");

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

    /** Why the list may be incomplete (an unreadable folder, too many files); empty when it is whole. */
    public javafx.beans.property.ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public void setFolder(Path newFolder) {
        folder.set(newFolder);
        refresh();
    }

    /** Lists the folder again; the list updates when done. */
    public CompletableFuture<Void> refresh() {
        Path root = folder.get();
        return CompletableFuture.supplyAsync(() -> list(root), worker)
                .thenAccept(found -> ui.execute(() -> {
                    files.setAll(found.files());
                    problem.set(found.problem());
                }));
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

    static Listing list(Path root) {
        if (root == null || !Files.isDirectory(root)) {
            return new Listing(List.of(), "");
        }
        List<FileEntry> found = new ArrayList<>();
        String problem = "";
        try (Stream<Path> walk = Files.walk(root, MAX_DEPTH)) {
            walk.filter(path -> !path.equals(root))
                    .filter(path -> !hidden(root.relativize(path)))
                    .filter(Files::isRegularFile)
                    .limit(MAX_FILES + 1L)
                    .forEach(path -> {
                        try {
                            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
                            found.add(new FileEntry(path, root.relativize(path).toString(), attributes.size(),
                                    attributes.lastModifiedTime().toInstant()));
                        } catch (IOException e) {
                            // vanished between listing and reading: it is simply not there any more
                        }
                    });
        } catch (IOException | UncheckedIOException e) {
            Throwable cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
            problem = "Some files are not listed: " + cause.getMessage() + ".";
        }
        if (found.size() > MAX_FILES) {
            found.removeLast();
            problem = "Only the first " + MAX_FILES + " files are listed; open the folder to see all.";
        }
        found.sort(Comparator.comparing(FileEntry::modified).reversed().thenComparing(FileEntry::relative));
        return new Listing(List.copyOf(found), problem);
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
