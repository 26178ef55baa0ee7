package studio.codeact.agent;

import studio.codeact.engine.ExecutionResult;
import studio.codeact.engine.ExecutionStatus;
import studio.codeact.engine.Output;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a cell that the user stopped is recorded. A Ctrl+C reaches the whole process group, the
 * kernel process included, and the app's shutdown stops the kernel on its way out, so the cell
 * may end as "the kernel died … SIGKILL": that is the user's cancel, not the out-of-memory
 * killer, and the record says so.
 */
final class UserCancel {

    static final String NAME = "KeyboardInterrupt";
    static final String MESSAGE = "cancelled by the user";

    private UserCancel() {
    }

    /** {@code result} of a cell that ended while the question was being cancelled. */
    static ExecutionResult recorded(ExecutionResult result) {
        List<Output> outputs = new ArrayList<>();
        for (Output output : result.outputs()) {
            if (!(output instanceof Output.Error)) {
                outputs.add(output);
            }
        }
        Output.Error cancelled = new Output.Error(NAME, MESSAGE, List.of());
        outputs.add(cancelled);
        return new ExecutionResult(ExecutionStatus.ERROR, result.executionCount(), outputs, Optional.of(cancelled), result.elapsed(), MESSAGE);
    }
}
