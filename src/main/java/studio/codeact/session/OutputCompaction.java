package studio.codeact.session;

import studio.codeact.engine.Output;

import java.util.ArrayList;
import java.util.List;

/**
 * Makes a cell's outputs fit for storage: consecutive chunks of the same stream become one
 * output (as Jupyter stores them), and a stream longer than the cap keeps its head and tail.
 * A cell that prints a million lines thus stays a readable, bounded notebook cell.
 */
public final class OutputCompaction {

    /** Default cap on the stored text of one stream output. */
    public static final int DEFAULT_STREAM_CHARS = 100_000;

    private OutputCompaction() {
    }

    public static List<Output> compact(List<Output> outputs, int maxStreamChars) {
        List<Output> compacted = new ArrayList<>();
        StringBuilder pending = null;
        Output.StreamName pendingName = null;
        for (Output output : outputs) {
            if (output instanceof Output.Stream stream && stream.name() == pendingName) {
                pending.append(stream.text());
                continue;
            }
            if (pending != null) {
                compacted.add(new Output.Stream(pendingName, HeadTail.clip(pending.toString(), maxStreamChars)));
                pending = null;
                pendingName = null;
            }
            if (output instanceof Output.Stream stream) {
                pending = new StringBuilder(stream.text());
                pendingName = stream.name();
            } else {
                compacted.add(output);
            }
        }
        if (pending != null) {
            compacted.add(new Output.Stream(pendingName, HeadTail.clip(pending.toString(), maxStreamChars)));
        }
        return compacted;
    }
}
