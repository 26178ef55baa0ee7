package studio.codeact.agent;

import java.util.List;
import java.util.Optional;

/**
 * A model's reply taken apart.
 *
 * @param actions  the code actions, in the order they appear (empty: the reply is an answer)
 * @param solution the text inside {@code <solution>…</solution>}, when the reply has one
 * @param prose    the reply without its actions
 * @param text     the reply as it will be kept in the conversation: the model's own text, with a
 *                 closing tag or fence restored where the stop sequence or the end cut it off
 */
public record ParsedReply(List<String> actions, Optional<String> solution, String prose, String text) {

    public ParsedReply {
        actions = List.copyOf(actions);
        solution = solution == null ? Optional.empty() : solution;
    }

    public boolean hasActions() {
        return !actions.isEmpty();
    }

    /** The final answer this reply gives when it has no actions: the solution if marked, else the whole prose. */
    public String answer() {
        return solution.orElse(prose).strip();
    }
}
