package studio.codeact.agent;

import java.util.Objects;

/** What one json- or text-format reply asks for (read by {@link ActionParser#json} and {@link ActionParser#text}). */
public sealed interface ToolAction {

    /** The final answer: the text inside {@code <solution>…</solution>}. */
    record Solution(String answer) implements ToolAction {
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
    record JsonCall(String json, int found) implements ToolAction {
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
    record TextCall(String tool, String input, int found) implements ToolAction {
        public TextCall {
            Objects.requireNonNull(tool);
            input = input == null ? "" : input;
        }
    }

    /** Neither a tool call nor a solution. */
    record Missing() implements ToolAction {
    }
}
