package studio.codeact.gui.data;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Loads a data file into the interpreter as a DataFrame variable: the Datasets panel's port to the
 * assistant, which does it with {@code agent.DatasetLoader} (the same loading code the agent writes).
 *
 * <p>Thread: may be called on the UI thread; must not block it. The future completes on any
 * thread, exceptionally with a plain-sentence reason when the file cannot be read.
 */
@FunctionalInterface
public interface FileLoader {

    CompletableFuture<Loaded> load(Path file);

    /**
     * What loading made: the variable, the frame's shape and column names, any warnings, and for a
     * file too big for memory ({@code outOfCore}) its size on disk and its Dask partitions.
     */
    record Loaded(String variable, String format, long rows, int columns, List<String> columnNames, List<String> warnings,
                  boolean outOfCore, long sizeOnDisk, int partitions) {
        public Loaded {
            columnNames = List.copyOf(columnNames);
            warnings = List.copyOf(warnings);
        }

        /** A dataset loaded into pandas. */
        public Loaded(String variable, String format, long rows, int columns, List<String> columnNames, List<String> warnings) {
            this(variable, format, rows, columns, columnNames, warnings, false, 0, 0);
        }
    }
}
