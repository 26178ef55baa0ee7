package studio.codeact.agent;

import java.util.ArrayList;
import java.util.List;

/**
 * The observation of a whole turn: the text of each action that ran (or was refused), then what
 * the agent tells the model about the rest of the turn — actions skipped after a failure, a
 * warning that it is repeating itself, how many turns remain, and on the last one that it must
 * answer now.
 *
 * @param actions   per action, the text of its observation (tool mode returns each as its tool's result)
 * @param summaries per action, the short form that replaces it once it is old (see {@link ContextBudget})
 * @param footer    the agent's closing lines, shown after the last action
 * @param images    figures to show a vision-capable model (empty otherwise)
 */
public record TurnObservation(List<String> actions, List<String> summaries, String footer, List<Figure> images) {

    public TurnObservation {
        actions = List.copyOf(actions);
        summaries = List.copyOf(summaries);
        if (summaries.size() != actions.size()) {
            throw new IllegalArgumentException("one summary per action");
        }
        footer = footer == null ? "" : footer;
        images = List.copyOf(images);
    }

    /** The short form of the whole turn. */
    public String summary() {
        return String.join("\n", summaries);
    }

    /** The same observation in its short form, without images or footer. */
    public TurnObservation shortened() {
        return new TurnObservation(summaries, summaries, "", List.of());
    }

    /** Everything in one text, as a tagged-mode user message (without the {@code Observation:} heading). */
    public String text() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < actions.size(); i++) {
            if (actions.size() > 1) {
                text.append("[action ").append(i + 1).append(" of ").append(actions.size()).append("]\n");
            }
            text.append(actions.get(i)).append('\n');
            if (i + 1 < actions.size()) {
                text.append('\n');
            }
        }
        if (!footer.isEmpty()) {
            text.append(footer);
        }
        return text.toString().stripTrailing();
    }

    /** The footer's line about the turns that remain after this one. */
    public static String turnsLeft(int left) {
        if (left >= 2) {
            return "[" + left + " turns left]";
        }
        if (left == 1) {
            return "[1 turn left: this is your last. Reply now with your final answer in <solution>\u2026</solution>, without code.]";
        }
        return "[No turns left.]";
    }

    /** Joins footer lines, skipping empty ones. */
    public static String footer(List<String> lines) {
        List<String> kept = new ArrayList<>();
        for (String line : lines) {
            if (line != null && !line.isBlank()) {
                kept.add(line.strip());
            }
        }
        return String.join("\n", kept);
    }
}
