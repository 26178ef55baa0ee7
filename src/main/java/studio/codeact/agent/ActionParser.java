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
 * an unterminated fence. {@code <solution>…</solution>} marks an explicit final answer.
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

    private static Optional<String> solution(String reply) {
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

    private record Block(int start, int end, String code, boolean closed, String restore) { }
}
