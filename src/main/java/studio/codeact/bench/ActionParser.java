package studio.codeact.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a json- or text-mode reply. It only finds the pieces; what they mean (valid JSON? a known
 * tool? the right arguments?) is decided by the harness in Python, which answers mistakes with
 * an observation.
 *
 * <p>A {@code <solution>} wins over a call in the same reply: it ends the task.
 */
public final class ActionParser {

    private static final Pattern SOLUTION = Pattern.compile("<solution>(.*?)(?:</solution>|\\z)", Pattern.DOTALL);
    private static final Pattern FENCE = Pattern.compile("```[ \\t]*([\\w+-]*)[ \\t]*\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern EXECUTE = Pattern.compile("<execute>(.*?)(?:</execute>|\\z)", Pattern.DOTALL);
    private static final Pattern ACTION = Pattern.compile("(?im)^[ \\t>*_]*Action[ \\t]*[*_]*:[*_]*[ \\t]*(.*)$");
    private static final Pattern ACTION_INPUT = Pattern.compile("(?i)^[ \\t>*_]*Action[ \\t]+Input[ \\t]*[*_]*:[*_]*[ \\t]*(.*)$");
    private static final Pattern INLINE_INPUT = Pattern.compile("(?i)\\s*Action[ \\t]+Input[ \\t]*:");
    private static final Pattern SECTION = Pattern.compile("(?i)^[ \\t>*_]*(Observation|Thought|Action|Answer|Final Answer)[ \\t]*[*_]*:.*|^\\s*<solution>.*");

    private ActionParser() {
    }

    /** The final answer, when the reply gives one. */
    public static Optional<String> solution(String reply) {
        Matcher matcher = SOLUTION.matcher(reply);
        return matcher.find() ? Optional.of(matcher.group(1).strip()) : Optional.empty();
    }

    /** A json-mode reply: a solution, the first JSON object (fenced, in {@code <execute>}, or bare), or nothing. */
    public static Action json(String reply) {
        Optional<String> answer = solution(reply);
        if (answer.isPresent()) {
            return new Action.Solution(answer.get());
        }
        List<String> calls = new ArrayList<>();
        Matcher fence = FENCE.matcher(reply);
        while (fence.find()) {
            String body = fence.group(2).strip();
            if (fence.group(1).equalsIgnoreCase("json") || body.startsWith("{")) {
                calls.add(body);
            }
        }
        if (calls.isEmpty()) {
            Matcher execute = EXECUTE.matcher(reply);
            while (execute.find()) {
                calls.add(execute.group(1).strip());
            }
        }
        if (calls.isEmpty()) {
            calls.addAll(bareObjects(reply));
        }
        return calls.isEmpty() ? new Action.Missing() : new Action.JsonCall(calls.getFirst(), calls.size());
    }

    /** A text-mode reply: a solution, the first {@code Action:} with its {@code Action Input:}, or nothing. */
    public static Action text(String reply) {
        Optional<String> answer = solution(reply);
        if (answer.isPresent()) {
            return new Action.Solution(answer.get());
        }
        Matcher action = ACTION.matcher(reply);
        if (!action.find()) {
            return new Action.Missing();
        }
        int found = 1;
        while (action.find()) {
            found++;
        }
        action.reset();
        action.find();
        String tool = action.group(1).strip();
        Matcher inline = INLINE_INPUT.matcher(tool);
        if (inline.find()) {
            return new Action.TextCall(stripMarkup(tool.substring(0, inline.start())), tool.substring(inline.end()).strip(), found);
        }
        String[] after = reply.substring(action.end()).split("\\R", -1);
        int line = 0;
        while (line < after.length && after[line].isBlank()) {
            line++;
        }
        if (line < after.length) {
            Matcher input = ACTION_INPUT.matcher(after[line]);
            if (input.matches()) {
                return new Action.TextCall(stripMarkup(tool), inputBlock(input.group(1), after, line + 1), found);
            }
        }
        return new Action.TextCall(stripMarkup(tool), "", found);
    }

    /** The input's first line plus the lines that continue it (up to a blank line or the next section). */
    private static String inputBlock(String first, String[] lines, int from) {
        StringBuilder input = new StringBuilder(first);
        boolean inFence = first.strip().startsWith("```");
        for (int i = from; i < lines.length; i++) {
            String line = lines[i];
            if (!inFence && (line.isBlank() || SECTION.matcher(line).matches())) {
                break;
            }
            if (line.strip().startsWith("```")) {
                inFence = !inFence;
            }
            input.append('\n').append(line);
        }
        String text = input.toString().strip();
        Matcher fence = Pattern.compile("^```[\\w+-]*\\s*\\n?(.*?)\\n?```$", Pattern.DOTALL).matcher(text);
        return fence.matches() ? fence.group(1).strip() : text;
    }

    private static String stripMarkup(String tool) {
        return tool.strip().replaceAll("^[`*_]+|[`*_]+$", "").strip();
    }

    /** Balanced {@code {…}} spans outside of strings, in order. */
    static List<String> bareObjects(String text) {
        List<String> objects = new ArrayList<>();
        int depth = 0;
        int start = -1;
        boolean inString = false;
        boolean escaped = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            if (c == '"' && depth > 0) {
                inString = true;
            } else if (c == '{') {
                if (depth++ == 0) {
                    start = i;
                }
            } else if (c == '}' && depth > 0 && --depth == 0) {
                objects.add(text.substring(start, i + 1));
            }
        }
        if (depth > 0 && start >= 0) {
            objects.add(text.substring(start)); // unclosed: let the JSON parser say what is missing
        }
        return objects;
    }
}
