package studio.codeact.gui.assistant;

import studio.codeact.gui.data.FileLoader;

import java.util.concurrent.CompletableFuture;

/**
 * The language-model side of the window as the window sees it: ask, stop, load data, forget.
 * The agent bridge implements it; the window works without one (cells still run directly).
 *
 * <p>Thread: every method is called on the UI thread and returns at once.
 */
public interface Assistant {

    /** Asks a question (a follow-up waits for the one under way); completes when it ended. */
    CompletableFuture<?> ask(String question);

    /** Stops the question under way: the model's stream and its running cell. */
    void stop();

    /** Loads data files into the interpreter and tells the model about them. */
    FileLoader fileLoader();

    /** Forgets the conversation (new session, changed model); the next question starts afresh. */
    void reset();

    /**
     * Writes the session as a Jupyter notebook ({@code ipynb}) or a Python script ({@code py}) to
     * {@code target}; completes with it, or exceptionally with why not.
     */
    CompletableFuture<java.nio.file.Path> export(String format, java.nio.file.Path target);

    /** Makes sure {@code session.json} holds everything so far (it is written as things happen; this waits for the last write). */
    CompletableFuture<java.util.Optional<java.nio.file.Path>> save();

    /**
     * Continues the session saved in {@code folder} in the (fresh) engine: its cells that worked
     * run again ({@code progress} is told on the agent's thread), the conversation is restored, and
     * later questions are recorded in that folder. Completes with the record's new run.
     *
     * @param moved recorded data file path → where it is now
     */
    default CompletableFuture<studio.codeact.session.Entry.Resumed> resume(java.nio.file.Path folder, java.util.Map<String, java.nio.file.Path> moved,
                                                                           studio.codeact.agent.RerunListener progress) {
        return CompletableFuture.failedFuture(new IllegalStateException("continuing a session needs a model: set one up in Settings \u2192 Model"));
    }

    /** The session's folder ({@code session.json}, figures, exports), once there is one. */
    java.util.Optional<java.nio.file.Path> sessionFolder();
}
