package studio.codeact.engine;

import java.util.Locale;

/**
 * Java values written as Python source, for the few places that put a value into code the
 * interpreter runs or a script the user reads (a folder path, a file name, JSON arguments). The
 * one quoting function of the project: whatever the text holds — quotes, backslashes, newlines,
 * control characters — the literal evaluates back to exactly that text.
 */
public final class PythonLiteral {

    private PythonLiteral() {
    }

    /** {@code text} as a double-quoted Python {@code str} literal. */
    public static String string(String text) {
        StringBuilder literal = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> literal.append("\\\\");
                case '"' -> literal.append("\\\"");
                case '\n' -> literal.append("\\n");
                case '\r' -> literal.append("\\r");
                case '\t' -> literal.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        literal.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
                    } else if (Character.isSurrogate(c)) {
                        // a lone surrogate cannot be encoded as UTF-8 source: spell it out; pairs pass through
                        boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
                        if (paired) {
                            literal.append(c).append(text.charAt(++i));
                        } else {
                            literal.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                        }
                    } else {
                        literal.append(c);
                    }
                }
            }
        }
        return literal.append('"').toString();
    }
}
