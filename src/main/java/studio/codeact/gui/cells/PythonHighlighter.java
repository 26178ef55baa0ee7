package studio.codeact.gui.cells;

import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python syntax colouring for the cell editor: a single-pass regular-expression lexer that
 * gives each token a style class ({@code keyword}, {@code string}, {@code comment}, {@code number},
 * {@code builtin}, {@code decorator}, {@code definition}). Colours come from {@code cells.css}.
 */
public final class PythonHighlighter {

    private static final String[] KEYWORDS = {
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
        "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
        "in", "is", "lambda", "match", "case", "nonlocal", "not", "or", "pass", "raise", "return",
        "try", "while", "with", "yield",
    };

    private static final String[] BUILTINS = {
        "abs", "all", "any", "bool", "dict", "dir", "enumerate", "filter", "float", "format", "getattr",
        "hasattr", "help", "id", "input", "int", "isinstance", "iter", "len", "list", "map", "max",
        "min", "next", "object", "open", "print", "range", "repr", "reversed", "round", "set",
        "setattr", "sorted", "str", "sum", "super", "tuple", "type", "zip", "self",
    };

    private static final Pattern TOKENS = Pattern.compile(
            "(?<STRING>[rRbBfFuU]{0,2}(?:\"\"\"(?:[^\\\\]|\\\\.)*?(?:\"\"\"|\\z)|'''(?:[^\\\\]|\\\\.)*?(?:'''|\\z)"
                    + "|\"(?:[^\"\\\\\\n]|\\\\.)*\"?|'(?:[^'\\\\\\n]|\\\\.)*'?))"
            + "|(?<COMMENT>#[^\\n]*)"
            + "|(?<DECORATOR>^[ \\t]*@[\\w.]+)"
            + "|(?<DEFINITION>(?<=\\bdef |\\bclass )[A-Za-z_]\\w*)"
            + "|(?<KEYWORD>\\b(?:" + String.join("|", KEYWORDS) + ")\\b)"
            + "|(?<BUILTIN>\\b(?:" + String.join("|", BUILTINS) + ")\\b)"
            + "|(?<NUMBER>\\b(?:0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|\\d[\\d_]*\\.?[\\d_]*(?:[eE][+-]?\\d+)?j?|\\.\\d[\\d_]*(?:[eE][+-]?\\d+)?j?)\\b)",
            Pattern.MULTILINE);

    private static final List<String> GROUPS = List.of("STRING", "COMMENT", "DECORATOR", "DEFINITION", "KEYWORD", "BUILTIN", "NUMBER");

    private PythonHighlighter() {
    }

    /** Style spans covering all of {@code code}; plain text gets no class. */
    public static StyleSpans<Collection<String>> highlight(String code) {
        StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
        Matcher matcher = TOKENS.matcher(code);
        int last = 0;
        while (matcher.find()) {
            String styleClass = null;
            for (String group : GROUPS) {
                if (matcher.group(group) != null) {
                    styleClass = group.toLowerCase(java.util.Locale.ROOT);
                    break;
                }
            }
            spans.add(List.of(), matcher.start() - last);
            spans.add(List.of("py-" + styleClass), matcher.end() - matcher.start());
            last = matcher.end();
        }
        spans.add(List.of(), code.length() - last);
        return spans.create();
    }
}
