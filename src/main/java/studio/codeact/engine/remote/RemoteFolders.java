package studio.codeact.engine.remote;

import java.nio.file.Path;

/** Where a session works on the server: {@code codeact/<session folder>/work}, relative to the server's root. */
final class RemoteFolders {

    static final String ROOT = "codeact";

    private RemoteFolders() {
    }

    /** For a local working folder {@code …/<session>/work}: {@code codeact/<session>/work}; any other folder: {@code codeact/<its name>}. */
    static String workPath(Path localWorkingFolder) {
        Path folder = localWorkingFolder.toAbsolutePath().normalize();
        Path name = folder.getFileName();
        if (name == null) {
            return ROOT + "/default";
        }
        Path parent = folder.getParent();
        if (name.toString().equals("work") && parent != null && parent.getFileName() != null) {
            return ROOT + "/" + safe(parent.getFileName().toString()) + "/work";
        }
        return ROOT + "/" + safe(name.toString());
    }

    /** A folder name the Contents API takes in a URL path and every OS takes as a name. */
    private static String safe(String name) {
        String cleaned = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return cleaned.isEmpty() || cleaned.startsWith(".") ? "_" + cleaned : cleaned;
    }
}
