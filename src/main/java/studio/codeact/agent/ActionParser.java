package studio.codeact.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the code actions in a model's reply, in both formats of the action contract:
 * {@code <execute>…</execute>} (CodeAct's own) and fenced {@code ```python} blocks. Several
 * actions in one reply come back in order. An {@code <execute>} left open — because the
 * {@code </execute>} stop sequence ended the reply, or the reply simply ended — is closed; so is
 * an unterminated fence. {@code <solution>…</solution>} (any case) marks an explicit final answer.
 *
 * <p>The benchmark's other two action formats are read here too, so that every format has one
 * reader: {@link #json} (a JSON tool call) and {@link #text} ({@code Action:} / {@code Action Input:}
 * lines). Those only find the pieces; whether they name a known tool with the right arguments is
 * decided by the benchmark's harness in Python, which answers mistakes with an observation. A
 * {@code <solution>} wins over a tool call in the same reply.
 */
public final class ActionParser {

    public static final String OPEN = "<execute>";
    public static final String CLOSE = "</execute>";

    private static final Pattern EXECUTE_OPEN = Pattern.compile("<execute>", Pattern.CASE_INSENSITIVE);
    private static final Pattern EXECUTE_CLOSE = Pattern.compile("</execute>", Pattern.CASE_INSENSITIVE);
    /** A fence opening a Python block: at a line start, three or more backticks, a Python language tag. */
    private static final Pattern FENCE_OPEN = Pattern.compile("(?m)^[ \\t]*(`{3,})[ \\t]*(?:python3?|py|ipython3?)[ \\t]*\\r?\\n",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SOLUTION = Pattern.compile("<solution>(.*?)(?:</solution>|\\z)", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    /** A whole action wrapped in a fence inside the tags: {@code <execute>```python … ```</execute>}. */
    private static final Pattern JSON_FENCE = Pattern.compile("```[ \\t]*([\\w+-]*)[ \\t]*\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern EXECUTE_BLOCK = Pattern.compile("<execute>(.*?)(?:</execute>|\\z)", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern ACTION = Pattern.compile("(?im)^[ \\t>*_]*Action[ \\t]*[*_]*:[*_]*[ \\t]*(.*)$");
    private static final Pattern ACTION_INPUT = Pattern.compile("(?i)^[ \\t>*_]*Action[ \\t]+Input[ \\t]*[*_]*:[*_]*[ \\t]*(.*)$");
    private static final Pattern INLINE_INPUT = Pattern.compile("(?i)\\s*Action[ \\t]+Input[ \\t]*:");
    private static final Pattern SECTION = Pattern.compile("(?i)^[ \\t>*_]*(Observation|Thought|Action|Answer|Final Answer)[ \\t]*[*_]*:.*|^\\s*<solution>.*");
    private static final Pattern INNER_FENCE = Pattern.compile("\\A\\s*`{3,}[ \\t]*[A-Za-z0-9]*[ \\t]*\\r?\\n(.*?)\\r?\\n?[ \\t]*`{3,}\\s*\\z", Pattern.DOTALL);

    private ActionParser() {
    }

    public static ParsedReply parse(String reply) {
        List<String> actions = new ArrayList<>();
        StringBuilder prose = new StringBuilder();
        StringBuilder text = new StringBuilder();
        int at = 0;
        while (at < reply.length()) {
            Block block = nextBlock(reply, at);
            if (block == null) {
                prose.append(reply, at, reply.length());
                text.append(reply, at, reply.length());
                break;
            }
            prose.append(reply, at, block.start);
            text.append(reply, at, block.end);
            if (!block.closed) {
                text.append(block.restore);
            }
            String code = clean(block.code);
            if (!code.isBlank()) {
                actions.add(code);
            }
            at = block.end;
        }
        return new ParsedReply(actions, solution(reply), tidy(prose.toString()), text.toString());
    }

    /** The final answer, when the reply gives one in {@code <solution>…</solution>} (in any case). */
    public static Optional<String> solution(String reply) {
        Matcher matcher = SOLUTION.matcher(reply);
        return matcher.find() ? Optional.of(matcher.group(1).strip()) : Optional.empty();
    }

    /** The earliest action block at or after {@code from}, or {@code null}. */
    private static Block nextBlock(String reply, int from) {
        Matcher tag = EXECUTE_OPEN.matcher(reply);
        Matcher fence = FENCE_OPEN.matcher(reply);
        boolean hasTag = tag.find(from);
        boolean hasFence = fence.find(from);
        if (hasTag && (!hasFence || tag.start() <= fence.start())) {
            int codeStart = tag.end();
            Matcher close = EXECUTE_CLOSE.matcher(reply);
            if (close.find(codeStart)) {
                return new Block(tag.start(), close.end(), reply.substring(codeStart, close.start()), true, "");
            }
            String restore = reply.endsWith("\n") ? CLOSE : "\n" + CLOSE;
            return new Block(tag.start(), reply.length(), reply.substring(codeStart), false, restore);
        }
        if (hasFence) {
            String ticks = fence.group(1);
            int codeStart = fence.end();
            Matcher close = Pattern.compile("(?m)^[ \\t]*" + ticks + "`*[ \\t]*$").matcher(reply);
            if (close.find(codeStart)) {
                return new Block(fence.start(), close.end(), reply.substring(codeStart, Math.max(codeStart, close.start())), true, "");
            }
            String restore = reply.endsWith("\n") ? ticks : "\n" + ticks;
            return new Block(fence.start(), reply.length(), reply.substring(codeStart), false, restore);
        }
        return null;
    }

    /** Code as it should run: an inner fence removed, common indentation removed, blank edges trimmed. */
    private static String clean(String code) {
        Matcher inner = INNER_FENCE.matcher(code);
        if (inner.matches()) {
            code = inner.group(1);
        }
        // Blank edges go first: stripIndent counts a blank last line as having no indentation.
        return trimBlankLines(trimBlankLines(code.replace("\r\n", "\n")).stripIndent());
    }

    private static String trimBlankLines(String code) {
        String[] lines = code.split("\n", -1);
        int first = 0;
        int last = lines.length - 1;
        while (first <= last && lines[first].isBlank()) {
            first++;
        }
        while (last >= first && lines[last].isBlank()) {
            last--;
        }
        StringBuilder out = new StringBuilder();
        for (int i = first; i <= last; i++) {
            out.append(lines[i].stripTrailing());
            if (i < last) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static String tidy(String prose) {
        return prose.replaceAll("\\n{3,}", "\n\n").strip();
    }

    /** A json-mode reply: a solution, the first JSON object (fenced, in {@code <execute>}, or bare), or nothing. */
    public static ToolAction json(String reply) {
        Optional<String> answer = solution(reply);
        if (answer.isPresent()) {
            return new ToolAction.Solution(answer.get());
        }
        List<String> calls = new ArrayList<>();
        Matcher fence = JSON_FENCE.matcher(reply);
        while (fence.find()) {
            String body = fence.group(2).strip();
            if (fence.group(1).equalsIgnoreCase("json") || body.startsWith("{")) {
                calls.add(body);
            }
        }
        if (calls.isEmpty()) {
            Matcher execute = EXECUTE_BLOCK.matcher(reply);
            while (execute.find()) {
                calls.add(execute.group(1).strip());
            }
        }
        if (calls.isEmpty()) {
            calls.addAll(bareObjects(reply));
        }
        return calls.isEmpty() ? new ToolAction.Missing() : new ToolAction.JsonCall(calls.getFirst(), calls.size());
    }

    /** A text-mode reply: a solution, the first {@code Action:} with its {@code Action Input:}, or nothing. */
    public static ToolAction text(String reply) {
        Optional<String> answer = solution(reply);
        if (answer.isPresent()) {
            return new ToolAction.Solution(answer.get());
        }
        Matcher action = ACTION.matcher(reply);
        if (!action.find()) {
            return new ToolAction.Missing();
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
            return new ToolAction.TextCall(stripMarkup(tool.substring(0, inline.start())), tool.substring(inline.end()).strip(), found);
        }
        String[] after = reply.substring(action.end()).split("\\R", -1);
        int line = 0;
        while (line < after.length && after[line].isBlank()) {
            line++;
        }
        if (line < after.length) {
            Matcher input = ACTION_INPUT.matcher(after[line]);
            if (input.matches()) {
                return new ToolAction.TextCall(stripMarkup(tool), inputBlock(input.group(1), after, line + 1), found);
            }
        }
        return new ToolAction.TextCall(stripMarkup(tool), "", found);
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

    private record Block(int start, int end, String code, boolean closed, String restore) { }
}
