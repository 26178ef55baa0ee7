package studio.codeact.bench;

import java.util.Objects;

/** What one json- or text-mode reply asks the harness to do. */
public sealed interface Action {

    /** The final answer: the text inside {@code <solution>…</solution>}. */
    record Solution(String answer) implements Action {
        public Solution {
            Objects.requireNonNull(answer);
        }
    }

    /**
     * A json-mode tool call, as the JSON text the model wrote (parsed and validated in Python, so a
     * malformed one comes back as an observation saying what is wrong).
     *
     * @param json  the first call in the reply
     * @param found how many calls the reply held; only the first runs
     */
    record JsonCall(String json, int found) implements Action {
        public JsonCall {
            Objects.requireNonNull(json);
        }
    }

    /**
     * A text-mode tool call.
     *
     * @param tool  the text after {@code Action:}
     * @param input the text after {@code Action Input:} (may be empty)
     * @param found how many {@code Action:} lines the reply held; only the first runs
     */
    record TextCall(String tool, String input, int found) implements Action {
        public TextCall {
            Objects.requireNonNull(tool);
            input = input == null ? "" : input;
        }
    }

    /** Neither a tool call nor a solution. */
    record Missing() implements Action {
    }
}
