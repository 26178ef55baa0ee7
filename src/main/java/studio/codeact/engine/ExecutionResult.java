package studio.codeact.engine;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The end of an execution. All of its outputs have been delivered to the listener before the
 * future holding this result completes.
 *
 * @param status         how it ended
 * @param executionCount IPython's execution count for the cell (0 for silent cells)
 * @param outputs        every output, in order (the same ones the listener saw)
 * @param error          the error output, when the cell raised, timed out, or the engine died
 * @param elapsed        wall time from submission to the end
 * @param note           what the engine did beyond running the cell, for people and models
 *                       (e.g. "the kernel died and was restarted; earlier variables are gone"), or empty
 */
public record ExecutionResult(ExecutionStatus status, int executionCount, List<Output> outputs,
                              Optional<Output.Error> error, Duration elapsed, String note) {

    public ExecutionResult {
        outputs = List.copyOf(outputs);
        note = note == null ? "" : note;
    }

    public boolean ok() {
        return status == ExecutionStatus.OK;
    }

    /** All stream text of the given stream, concatenated. */
    public String streamText(Output.StreamName name) {
        StringBuilder text = new StringBuilder();
        for (Output output : outputs) {
            if (output instanceof Output.Stream stream && stream.name() == name) {
                text.append(stream.text());
            }
        }
        return text.toString();
    }

    public String stdout() {
        return streamText(Output.StreamName.STDOUT);
    }

    /** The last expression's value, when there was one. */
    public Optional<Output.Result> result() {
        return outputs.stream().filter(Output.Result.class::isInstance).map(Output.Result.class::cast).findFirst();
    }
}
