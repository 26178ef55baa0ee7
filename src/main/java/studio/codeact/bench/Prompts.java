package studio.codeact.bench;

import java.util.stream.Collectors;

/**
 * The first message of a task in each mode, from the templates in {@code prompts/} (one per mode;
 * the same tool list and instruction in all three, so only the action format differs).
 */
public final class Prompts {

    private Prompts() {
    }

    /** The task message for {@code mode}. */
    public static String task(ActionMode mode, BenchTask task) {
        return BundledFiles.read("prompts/" + mode.id() + ".md")
                .replace("{{tools}}", tools(task))
                .replace("{{max_turns}}", Integer.toString(task.maxTurns()))
                .replace("{{instruction}}", task.instruction())
                .strip();
    }

    /** One entry per tool: its signature, then its description, indented. */
    static String tools(BenchTask task) {
        return task.tools().stream()
                .map(tool -> "- " + tool.signature() + (tool.description().isEmpty() ? "" : "\n    " + tool.description()))
                .collect(Collectors.joining("\n"));
    }

    /** The observation after a json- or text-mode action, with the turns left. */
    public static String observation(String text, int turnsLeft, String note) {
        StringBuilder message = new StringBuilder("Observation:\n").append(text.isEmpty() ? "(empty)" : text);
        if (!note.isEmpty()) {
            message.append("\n\n").append(note);
        }
        message.append("\n\n");
        if (turnsLeft <= 1) {
            message.append("This is your last reply: give your answer now as <solution>ANSWER</solution>.");
        } else {
            message.append("You have ").append(turnsLeft).append(" replies left.");
        }
        return message.toString();
    }
}
