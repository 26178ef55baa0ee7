package studio.codeact.engine;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The one way anything in CodeAct Studio runs Python. The agent, the GUI, the benchmark and the
 * CLI use this interface, never an implementation; {@link Engines} chooses one.
 *
 * <p>Executions are queued and run one at a time, in submission order. Every method is safe to
 * call from any thread and none of them blocks on Python except {@link #start()},
 * {@link #restart()} and {@link #close()}; everything else returns a future. Listeners are
 * called on the engine's event thread (see {@link OutputListener}).
 *
 * <p>Both implementations pass the same contract suite ({@code EngineContractTest}).
 */
public interface PythonEngine extends AutoCloseable {

    /** {@code embedded}, {@code kernel} or {@code remote}. */
    EngineKind kind();

    /** Starts the interpreter and waits until it can run code. Idempotent. */
    void start();

    /**
     * Queues a cell. Outputs reach {@code listener} as they happen; the future completes after
     * the last one with how the cell ended. It never completes exceptionally for a failure of
     * the code: a Python error, a timeout or a dead interpreter are statuses of the result.
     */
    CompletableFuture<ExecutionResult> execute(ExecutionRequest request, OutputListener listener);

    /** Runs a cell and waits for it (tests, CLI). */
    default ExecutionResult run(String code) {
        return execute(ExecutionRequest.of(code), OutputListener.NONE).join();
    }

    /**
     * Interrupts the running cell: it ends with a {@code KeyboardInterrupt} error, variables made
     * before survive, and the next queued cell runs. Does nothing when idle.
     */
    void interrupt();

    /**
     * Clears the interpreter's state (the kernel engine restarts its process; the embedded engine
     * starts a fresh namespace). Queued cells are aborted. Blocks until ready again.
     */
    void restart();

    /** Where the engine is in its life. */
    EngineState state();

    void addListener(EngineListener listener);

    void removeListener(EngineListener listener);

    /** Who answers {@code input()}; {@link StdinHandler#REFUSE} (the default) refuses at once. */
    void setStdinHandler(StdinHandler handler);

    /** Completions at {@code cursor} (a character offset into {@code code}). */
    CompletableFuture<Completion> complete(String code, int cursor);

    /** Help for the name at {@code cursor}; {@code detail} 0 = signature and doc, 1 = also source. */
    CompletableFuture<Inspection> inspect(String code, int cursor, int detail);

    /** The user's variables (not modules, functions or IPython's own names), sorted by name. */
    CompletableFuture<List<VariableInfo>> variables();

    /** A page of rows of a DataFrame variable; fails with {@link EngineException} if it is not one. */
    CompletableFuture<TablePage> readTable(TableQuery query);

    /**
     * The path under which this engine's Python reads {@code localFile}: the file's own absolute
     * path for engines on this machine; the remote engine uploads it to the server (reporting to
     * {@code progress}) or names it in the server's data folder. Blocks while a file travels.
     *
     * @throws EngineException when the file cannot be made available
     */
    default String dataPath(java.nio.file.Path localFile, TransferProgress progress) {
        return localFile.toAbsolutePath().toString();
    }

    /**
     * The working folder when the code runs on another machine (the remote engine's folder on the
     * server), for listing and fetching what the code wrote there; empty for engines on this
     * machine, whose folder is {@link EngineConfig#workingDirectory()} itself.
     */
    default java.util.Optional<ServerFolder> serverFolder() {
        return java.util.Optional.empty();
    }

    /** Facts about the interpreter (paths, versions) as the doctor prints them. */
    EngineInfo info();

    /** Stops the interpreter and frees everything it held (processes, files, threads). Idempotent. */
    @Override
    void close();
}
