package studio.codeact.engine;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The working folder of an engine whose code runs on another machine (the remote engine's
 * folder on a Jupyter server): what the Files panel lists there, and how it fetches a file to
 * this machine. {@link PythonEngine#serverFolder()} gives it. Blocking; any thread.
 */
public interface ServerFolder {

    /** One file, its path relative to the folder ('/' separators). */
    record Entry(String relative, long bytes, Instant modified) { }

    /** Where the folder is, as people read it (e.g. {@code codeact/s1/work on http://host:8888/}). */
    String describe();

    /**
     * The files (not folders) up to {@code maxDepth} folder levels down, at most
     * {@code maxFiles + 1} of them (one more than asked tells that there are more).
     *
     * @throws JupyterServerException when the server cannot list it (unreachable, no Contents API)
     */
    List<Entry> list(int maxDepth, int maxFiles);

    /**
     * Copies the file at {@code relative} to {@code target} (its parent folders are made), replacing
     * what is there.
     *
     * @throws JupyterServerException when the server cannot give it
     */
    void download(String relative, Path target, TransferProgress progress);
}
