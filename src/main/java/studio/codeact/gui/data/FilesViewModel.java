package studio.codeact.gui.data;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import studio.codeact.engine.PythonEngine;
import studio.codeact.engine.ServerFolder;
import studio.codeact.engine.TransferProgress;
import studio.codeact.gui.Messages;

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
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * What the code wrote into the session's working folder (cleaned CSVs, saved figures, models),
 * newest first. With an engine whose code runs on a server (the remote engine) that folder is
 * the one on the server ({@link ServerFolder}): it is listed through the server, and a file is
 * downloaded into the local working folder when it is opened. Listing and downloads happen on a
 * worker thread.
 */
public final class FilesViewModel {

    /**
     * One file, with its path relative to the working folder; {@code path} is where it is on this
     * machine, or for a file on the server ({@code onServer}) where its local copy goes.
     */
    public record FileEntry(Path path, String relative, long bytes, Instant modified, boolean onServer) {
        public FileEntry(Path path, String relative, long bytes, Instant modified) {
            this(path, relative, bytes, modified, false);
        }
    }

    /** What a listing found, and why it may be incomplete ({@code ""} when it is complete). */
    record Listing(List<FileEntry> files, String problem, String location) { }

    static final int MAX_DEPTH = 3;
    static final int MAX_FILES = 500;

    private final Executor ui;
    private final Executor worker;
    private final ReadOnlyObjectWrapper<Path> folder = new ReadOnlyObjectWrapper<>(this, "folder");
    private final ObservableList<FileEntry> files = FXCollections.observableArrayList();
    /** One read-only view, kept: listeners added to a throw-away wrapper would be lost with it. */
    private final ObservableList<FileEntry> filesView = FXCollections.unmodifiableObservableList(files);
    private final javafx.beans.property.ReadOnlyStringWrapper problem = new javafx.beans.property.ReadOnlyStringWrapper(this, "problem", "");
    private final javafx.beans.property.ReadOnlyStringWrapper location = new javafx.beans.property.ReadOnlyStringWrapper(this, "location", "");
    private final javafx.beans.property.ReadOnlyBooleanWrapper onServer = new javafx.beans.property.ReadOnlyBooleanWrapper(this, "onServer");
    private final Supplier<Optional<PythonEngine>> engine;

    /** A panel for a folder on this machine only. */
    public FilesViewModel(Path folder, Executor ui, Executor worker) {
        this(folder, Optional::empty, ui, worker);
    }

    /** @param engine the engine when there is one (it decides whether the folder is on a server) */
    public FilesViewModel(Path folder, Supplier<Optional<PythonEngine>> engine, Executor ui, Executor worker) {
        this.ui = ui;
        this.worker = worker;
        this.engine = engine;
        this.folder.set(folder);
        location.set(folder == null ? "" : folder.toString());
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

    /** Where the listed folder is: its local path, or its place on the server. */
    public javafx.beans.property.ReadOnlyStringProperty locationProperty() {
        return location.getReadOnlyProperty();
    }

    /** True when the listed folder is on a server (files open as downloaded copies). */
    public javafx.beans.property.ReadOnlyBooleanProperty onServerProperty() {
        return onServer.getReadOnlyProperty();
    }

    public void setFolder(Path newFolder) {
        folder.set(newFolder);
        refresh();
    }

    /** Lists the folder again (on the server when the engine's code runs there); the list updates when done. */
    public CompletableFuture<Void> refresh() {
        Path root = folder.get();
        Optional<ServerFolder> server = engine.get().flatMap(PythonEngine::serverFolder);
        return CompletableFuture.supplyAsync(() -> server.map(remote -> listServer(remote, root)).orElseGet(() -> list(root)), worker)
                .thenAccept(found -> ui.execute(() -> {
                    files.setAll(found.files());
                    problem.set(found.problem());
                    location.set(found.location());
                    onServer.set(server.isPresent());
                }));
    }

    /**
     * The file on this machine, to open: the file itself, or for one on the server a fresh copy
     * downloaded into the local working folder (at the same relative path). Downloads on the worker thread.
     */
    public CompletableFuture<Path> localCopy(FileEntry entry) {
        if (!entry.onServer()) {
            return CompletableFuture.completedFuture(entry.path());
        }
        return CompletableFuture.supplyAsync(() -> {
            download(entry, entry.path());
            return entry.path();
        }, worker);
    }

    /** Copies a file elsewhere (the "save as" of the panel; a file on the server is downloaded there). Runs on the worker thread. */
    public CompletableFuture<Path> copyTo(FileEntry entry, Path target) {
        return CompletableFuture.supplyAsync(() -> {
            if (entry.onServer()) {
                download(entry, target);
                return target;
            }
            try {
                return Files.copy(entry.path(), target, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("could not copy " + entry.relative() + " to " + target + ": " + e.getMessage(), e);
            }
        }, worker);
    }

    private void download(FileEntry entry, Path target) {
        ServerFolder server = engine.get().flatMap(PythonEngine::serverFolder).orElseThrow(() -> new IllegalStateException(
                "The Python engine that wrote " + entry.relative() + " has stopped; refresh the list."));
        server.download(entry.relative(), target, TransferProgress.NONE);
    }

    /** The server folder's files, each with the place of its local copy under {@code local}. */
    static Listing listServer(ServerFolder server, Path local) {
        String where;
        List<ServerFolder.Entry> listed;
        try {
            where = server.describe();
            listed = server.list(MAX_DEPTH, MAX_FILES);
        } catch (RuntimeException e) {
            return new Listing(List.of(), "The files on the server are not listed. " + Messages.sentence(e), "on the Jupyter server");
        }
        List<FileEntry> found = new ArrayList<>();
        for (ServerFolder.Entry entry : listed) {
            Path copy = local == null ? null : local.resolve(entry.relative()).normalize();
            if (!hidden(Path.of(entry.relative())) && copy != null && copy.startsWith(local.normalize())) {
                found.add(new FileEntry(copy, entry.relative(), entry.bytes(), entry.modified(), true));
            }
        }
        String problem = "";
        if (found.size() > MAX_FILES) {
            found.subList(MAX_FILES, found.size()).clear();
            problem = "Only the first " + MAX_FILES + " files on the server are listed.";
        }
        found.sort(Comparator.comparing(FileEntry::modified).reversed().thenComparing(FileEntry::relative));
        return new Listing(List.copyOf(found), problem, where);
    }

    static Listing list(Path root) {
        String where = root == null ? "" : root.toString();
        if (root == null || !Files.isDirectory(root)) {
            return new Listing(List.of(), "", where);
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
        return new Listing(List.copyOf(found), problem, where);
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
