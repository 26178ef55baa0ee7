package studio.codeact.engine;

/**
 * Hears how a data file travels to where the engine's Python reads it (the remote engine's
 * uploads). Thread: the thread that asked for the file ({@link PythonEngine#dataPath}).
 */
@FunctionalInterface
public interface TransferProgress {

    TransferProgress NONE = (file, sent, total) -> { };

    /** {@code sentBytes} of {@code totalBytes} of {@code file} (its name) are there. */
    void onProgress(String file, long sentBytes, long totalBytes);
}
