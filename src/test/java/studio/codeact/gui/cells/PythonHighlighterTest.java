package studio.codeact.gui.cells;

import org.fxmisc.richtext.model.StyleSpan;
import org.fxmisc.richtext.model.StyleSpans;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PythonHighlighterTest {

    /** "class:text" for every styled token, in order. */
    private static List<String> tokens(String code) {
        StyleSpans<Collection<String>> spans = PythonHighlighter.highlight(code);
        List<String> found = new ArrayList<>();
        int at = 0;
        for (StyleSpan<Collection<String>> span : spans) {
            if (!span.getStyle().isEmpty()) {
                found.add(span.getStyle().iterator().next() + ":" + code.substring(at, at + span.getLength()));
            }
            at += span.getLength();
        }
        assertThat(at).as("spans cover the whole text").isEqualTo(code.length());
        return found;
    }

    @Test
    void keywordsStringsCommentsAndNumbersGetTheirClasses() {
        assertThat(tokens("import pandas as pd\nx = 'a#b'  # note\ny = 3.5e2"))
                .containsExactly("py-keyword:import", "py-keyword:as", "py-string:'a#b'", "py-comment:# note", "py-number:3.5e2");
    }

    @Test
    void definitionsDecoratorsAndBuiltinsAreMarked() {
        assertThat(tokens("@cache\ndef total(xs):\n    return sum(xs)"))
                .containsExactly("py-decorator:@cache", "py-keyword:def", "py-definition:total", "py-keyword:return", "py-builtin:sum");
    }

    @Test
    void anUnclosedTripleQuotedStringRunsToTheEnd() {
        assertThat(tokens("s = \"\"\"open\nstill open")).containsExactly("py-string:\"\"\"open\nstill open");
    }

    @Test
    void emptyCodeHasOneEmptySpan() {
        assertThat(tokens("")).isEmpty();
    }
}
