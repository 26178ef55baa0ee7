package studio.codeact.bench;

/**
 * One task run in one mode by one model, start to scored end.
 *
 * <p>Implementations return a result for everything the model does and for failures of its server
 * ({@link Outcome#MODEL_ERROR}); they throw only what should stop the whole benchmark (a rejected
 * API key, an unknown model) and {@link BenchException} when the engine or the harness fails.
 */
public interface Episode {

    /** Runs the task; {@code python}'s engine is this worker's, and the task's tools are not yet prepared. */
    EpisodeResult run(TaskSuite suite, BenchTask task, ModelUnderTest model, BenchPython python);
}
