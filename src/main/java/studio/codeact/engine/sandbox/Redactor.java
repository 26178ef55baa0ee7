package studio.codeact.engine.sandbox;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The second line of defence for keys: any configured key value that appears in a text is
 * replaced by {@value #MARK}. Values shorter than {@value #SHORTEST} characters are left alone
 * (they would match ordinary text); longer ones first, so one key inside another is not half-masked.
 */
public final class Redactor {

    public static final String MARK = "[redacted]";
    static final int SHORTEST = 6;

    private final List<String> values;

    public Redactor(Set<String> secretValues) {
        this.values = secretValues.stream()
                .map(String::strip)
                .filter(value -> value.length() >= SHORTEST)
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** A redactor for one chunked stream, which also finds a key split across chunks. */
    StreamRedactor streaming() {
        return new StreamRedactor(values);
    }

    /** {@code text} with every key value replaced; the same instance when it holds none. */
    public String redact(String text) {
        if (text == null || values.isEmpty()) {
            return text;
        }
        String result = text;
        for (String value : values) {
            if (result.contains(value)) {
                result = result.replace(value, MARK);
            }
        }
        return result;
    }
}
