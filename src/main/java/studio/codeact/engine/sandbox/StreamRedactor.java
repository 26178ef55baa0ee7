package studio.codeact.engine.sandbox;

import java.util.List;

/**
 * Redacts one stream that arrives in chunks, so a key split across two chunks is still found:
 * the end of a chunk that could be the start of a key is held back until the next chunk shows
 * whether it is one. What {@link #feed} returns never holds a key value; {@link #flush} gives
 * what was held back when the stream ends. Not thread-safe: one instance per stream of one cell.
 */
final class StreamRedactor {

    private final List<String> values;
    private final int longest;
    private final String firstChars;
    private String pending = "";

    /** @param values the key values, longest first (as {@link Redactor} keeps them) */
    StreamRedactor(List<String> values) {
        this.values = values;
        this.longest = values.stream().mapToInt(String::length).max().orElse(0);
        StringBuilder firsts = new StringBuilder();
        values.forEach(value -> firsts.append(value.charAt(0)));
        this.firstChars = firsts.toString();
    }

    /**
     * The redacted text that is safe to show now; a possible key start at the end is kept for the
     * next chunk. Text without a key is passed on as it is (no copy: a flood of output makes no
     * garbage here).
     */
    String feed(String chunk) {
        String text = pending.isEmpty() ? chunk : pending + chunk;
        StringBuilder out = null;
        int copied = 0;
        int length = text.length();
        int at = 0;
        scan:
        while (at < length) {
            if (firstChars.indexOf(text.charAt(at)) >= 0) {
                for (String value : values) {
                    if (text.startsWith(value, at)) {
                        if (out == null) {
                            out = new StringBuilder(length);
                        }
                        out.append(text, copied, at).append(Redactor.MARK);
                        at += value.length();
                        copied = at;
                        continue scan;
                    }
                }
                if (length - at < longest && startsSomeValue(text, at)) {
                    break;
                }
            }
            at++;
        }
        pending = text.substring(at);
        return out == null ? text.substring(0, at) : out.append(text, copied, at).toString();
    }

    /** What was held back (it turned out to be no key: the stream ended), and forgets it. */
    String flush() {
        String rest = pending;
        pending = "";
        return rest;
    }

    boolean holdsBack() {
        return !pending.isEmpty();
    }

    /** Whether the rest of {@code text} from {@code at} is the beginning of a longer key value. */
    private boolean startsSomeValue(String text, int at) {
        int rest = text.length() - at;
        for (String value : values) {
            if (value.length() > rest && value.regionMatches(0, text, at, rest)) {
                return true;
            }
        }
        return false;
    }
}
