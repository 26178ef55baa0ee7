package studio.codeact.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * What to run.
 *
 * @param code         Python source of one cell
 * @param timeout      interrupt the cell after this long; {@code null} means no limit
 * @param silent       run without outputs, history or execution count (used for helpers)
 * @param storeHistory count the cell and keep it in IPython's history ({@code In}/{@code Out})
 */
public record ExecutionRequest(String code, Duration timeout, boolean silent, boolean storeHistory) {

    public ExecutionRequest {
        Objects.requireNonNull(code, "code");
    }

    /** A normal cell: outputs, history and an execution count, no time limit. */
    public static ExecutionRequest of(String code) {
        return new ExecutionRequest(code, null, false, true);
    }

    public ExecutionRequest withTimeout(Duration limit) {
        return new ExecutionRequest(code, limit, silent, storeHistory);
    }
}
