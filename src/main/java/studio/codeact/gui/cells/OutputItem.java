package studio.codeact.gui.cells;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import studio.codeact.engine.Output;

import java.util.List;
import java.util.Optional;

/**
 * One thing shown below a cell, made from the engine's {@link Output}s by {@link OutputMapper}.
 * Stream text is the only item that grows (chunks of the same stream are joined).
 */
public sealed interface OutputItem {

    /** Text written to stdout or stderr; grows while the cell runs. Lives on the FX thread like every view-model property. */
    final class StreamText implements OutputItem {
        private final Output.StreamName stream;
        private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");
        /** Head and tail within the output limit, however much the cell prints (see {@link studio.codeact.engine.OutputBound}). */
        private final studio.codeact.engine.OutputBound buffer = new studio.codeact.engine.OutputBound();

        public StreamText(Output.StreamName stream) {
            this.stream = stream;
        }

        public Output.StreamName stream() {
            return stream;
        }

        public ReadOnlyStringProperty textProperty() {
            return text.getReadOnlyProperty();
        }

        public String text() {
            return text.get();
        }

        void append(String chunk) {
            buffer.add(new Output.Stream(stream, chunk));
            text.set(((Output.Stream) buffer.outputs().getLast()).text());
        }

        /** Text cut on its way here (a flood the FX thread could not keep up with): counted in the "cut" line. */
        void cut(long chars, long lines) {
            buffer.cut(stream, chars, lines);
            text.set(((Output.Stream) buffer.outputs().getLast()).text());
        }
    }

    /** A PNG figure (matplotlib's inline backend, or any image display). */
    record Figure(byte[] png, String altText) implements OutputItem { }

    /**
     * A pandas DataFrame. When {@code variable} is present its rows are paged from the engine
     * ({@code readTable}); otherwise only the rows pandas put into its table schema are known.
     *
     * @param schemaJson pandas' {@code application/vnd.dataresource+json} text
     * @param summary    pandas' plain-text repr (used for copy and as a fallback)
     */
    record Table(Optional<String> variable, String schemaJson, String summary) implements OutputItem { }

    /** Plain text of a result or display (its {@code text/plain} form). */
    record Text(String text, boolean result) implements OutputItem { }

    /**
     * A long computation's progress under the running cell (Dask's tasks done of total, seconds so
     * far); replaced by each update and gone when the computation or the cell ends.
     */
    record Progress(long done, long total, double elapsedSeconds) implements OutputItem {
        /** Share done, 0 to 1. */
        public double fraction() {
            return total <= 0 ? 0 : Math.min(1.0, (double) done / total);
        }

        public String label() {
            return String.format(java.util.Locale.ROOT, "Dask: %,d / %,d tasks \u00b7 %.1f s", done, total, elapsedSeconds);
        }
    }

    /** Markdown a cell displayed ({@code text/markdown}). */
    record Markdown(String markdown) implements OutputItem { }

    /** The exception that ended the cell. */
    record Error(String ename, String evalue, List<String> traceback) implements OutputItem {
        public String summary() {
            return evalue.isEmpty() ? ename : ename + ": " + evalue;
        }

        /** The traceback as one text, the way IPython prints it (no colour codes). */
        public String tracebackText() {
            return traceback.isEmpty() ? summary() : String.join("\n", traceback);
        }
    }
}
