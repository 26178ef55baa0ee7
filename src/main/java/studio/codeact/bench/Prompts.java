package studio.codeact.bench;

import studio.codeact.agent.ActionFormat;

import java.util.stream.Collectors;

/**
 * The first message of a task in each mode, from the templates in {@code prompts/} (one per mode;
 * the same tool list and instruction in all three, so only the action format differs).
 */
public final class Prompts {

    private Prompts() {
    }

    /**
     * The system prompt of our own protocol, the same framing in every mode: the task comes with its
     * tools; act, read the observation, answer in {@code <solution>}. Only how to act differs (json and
     * text: one call per reply; code mode adds the agent's code-action format itself).
     */
    public static String system(ActionFormat mode) {
        String template = BundledFiles.read("prompts/system.md");
        return mode == ActionFormat.CODE ? template
                : template.replace("{{action_format}}", BundledFiles.read("prompts/action_" + mode.id() + ".md").strip()).strip();
    }

    /** The task message for {@code mode}. */
    public static String task(ActionFormat mode, BenchTask task) {
        return BundledFiles.read("prompts/" + mode.id() + ".md")
                .replace("{{tools}}", tools(task))
                .replace("{{max_turns}}", Integer.toString(task.maxTurns()))
                .replace("{{instruction}}", task.instruction())
                .strip();
    }

    /**
     * The task message of M3ToolEval's protocol for {@code mode}: the paper's wording, tool list
     * ({@code [i] name: description} and {@code Signature: …}), action format and in-context example.
     */
    public static String m3(ActionFormat mode, BenchTask task) {
        StringBuilder tools = new StringBuilder();
        for (int i = 0; i < task.tools().size(); i++) {
            ToolInfo tool = task.tools().get(i);
            tools.append(i == 0 ? "" : "\n").append('[').append(i + 1).append("] ").append(tool.name()).append(": ")
                    .append(tool.fullDescription()).append("\n    Signature: ").append(tool.signature());
        }
        return BundledFiles.read("prompts/m3tooleval/prompt.md")
                .replace("{{tools}}", tools)
                .replace("{{mode}}", BundledFiles.read("prompts/m3tooleval/" + mode.id() + ".md").strip())
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
