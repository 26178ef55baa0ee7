package studio.codeact.engine.remote;

import studio.codeact.engine.ServerFolder;
import studio.codeact.engine.TransferProgress;

import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The remote engine's working folder on the server, through the Contents API: one listing per
 * folder (walked to the depth asked), downloads streamed to a local file.
 */
final class RemoteWorkFolder implements ServerFolder {

    private final ContentsApi contents;
    private final Supplier<String> root;
    private final String server;

    /** @param root the folder's path on the server, made ready on first use (throws when the server has no Contents API) */
    RemoteWorkFolder(ContentsApi contents, Supplier<String> root, String server) {
        this.contents = contents;
        this.root = root;
        this.server = server;
    }

    @Override
    public String describe() {
        return root.get() + " on " + server;
    }

    @Override
    public List<Entry> list(int maxDepth, int maxFiles) {
        String folder = root.get();
        List<Entry> found = new ArrayList<>();
        walk(folder, folder, maxDepth, maxFiles, found);
        return List.copyOf(found);
    }

    private void walk(String root, String folder, int depthLeft, int maxFiles, List<Entry> found) {
        for (ContentsApi.Entry entry : contents.list(folder)) {
            if (found.size() > maxFiles) {
                return;
            }
            if (entry.isDirectory()) {
                if (depthLeft > 1) {
                    walk(root, entry.path(), depthLeft - 1, maxFiles, found);
                }
            } else {
                String relative = entry.path().startsWith(root + "/") ? entry.path().substring(root.length() + 1)
                        : folder.substring(Math.min(folder.length(), root.length() + 1)) + (folder.equals(root) ? "" : "/") + entry.name();
                found.add(new Entry(relative, entry.size(), modified(entry.lastModified())));
            }
        }
    }

    private static Instant modified(String stamp) {
        try {
            return OffsetDateTime.parse(stamp).toInstant();
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    @Override
    public void download(String relative, Path target, TransferProgress progress) {
        if (relative.startsWith("/") || List.of(relative.split("/")).contains("..")) {
            throw new IllegalArgumentException("'" + relative + "' is not a path inside the working folder");
        }
        contents.download(root.get() + "/" + relative, target);
        try {
            long size = java.nio.file.Files.size(target);
            progress.onProgress(relative, size, size);
        } catch (java.io.IOException e) {
            // the file is there; the progress line is all that is missed
        }
    }
}
