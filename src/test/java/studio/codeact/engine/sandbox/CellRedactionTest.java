package studio.codeact.engine.sandbox;

import org.junit.jupiter.api.Test;
import studio.codeact.engine.MimeBundle;
import studio.codeact.engine.Output;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Keys split across stream chunks, at every split point, with the order of outputs kept. */
class CellRedactionTest {

    static final String KEY = "sk-sentinel-split-4d2e9a";
    final Redactor redactor = new Redactor(Set.of(KEY, "tok-sentinel-0a1b2c3d"));

    private static Output.Stream out(String text) {
        return new Output.Stream(Output.StreamName.STDOUT, text);
    }

    private static String joined(List<Output> outputs) {
        return outputs.stream().map(o -> o instanceof Output.Stream s ? s.text() : "<" + o.getClass().getSimpleName() + ">")
                .collect(Collectors.joining());
    }

    @Test
    void aKeySplitAtAnyPointBetweenTwoChunksIsRedactedAndNothingElseIsLost() {
        String text = "before " + KEY + " after";
        for (int cut = 0; cut <= text.length(); cut++) {
            CellRedaction cell = new CellRedaction(redactor);
            List<Output> seen = new ArrayList<>(cell.pass(out(text.substring(0, cut))));
            seen.addAll(cell.pass(out(text.substring(cut))));
            seen.addAll(cell.finish());
            assertThat(joined(seen)).as("cut at %d", cut).isEqualTo("before [redacted] after");
        }
    }

    @Test
    void aKeyInOneCharacterChunksIsRedacted() {
        CellRedaction cell = new CellRedaction(redactor);
        List<Output> seen = new ArrayList<>();
        for (char c : ("x" + KEY + "y").toCharArray()) {
            seen.addAll(cell.pass(out(String.valueOf(c))));
        }
        seen.addAll(cell.finish());
        assertThat(joined(seen)).isEqualTo("x[redacted]y");
    }

    @Test
    void aHeldBackKeyStartIsReleasedBeforeTheNextNonStreamOutputAndAtTheEnd() {
        CellRedaction cell = new CellRedaction(redactor);
        List<Output> seen = new ArrayList<>(cell.pass(out("ends with sk-sent")));
        assertThat(joined(seen)).isEqualTo("ends with ");
        seen.addAll(cell.pass(new Output.Display(MimeBundle.of(MimeBundle.TEXT_PLAIN, "shown " + KEY), Map.of())));
        seen.addAll(cell.pass(out("tail sk-")));
        seen.addAll(cell.finish());
        assertThat(joined(seen)).isEqualTo("ends with sk-sent<Display>tail sk-");
        assertThat(((Output.Display) seen.get(2)).data().text()).isEqualTo("shown [redacted]");
    }

    @Test
    void aResultsStreamsInterruptedByTheOtherStreamAreRedactedAndJoined() {
        List<Output> outputs = List.of(out("a " + KEY.substring(0, 9)), new Output.Stream(Output.StreamName.STDERR, "warning\n"),
                out(KEY.substring(9) + " b"), out(" c"));
        List<Output> redacted = CellRedaction.redactAll(redactor, outputs);
        assertThat(joined(redacted)).isEqualTo("a warning\n[redacted] b c");
        assertThat(redacted).hasSize(3);
    }

    @Test
    void textWithoutKeysPassesUnchanged() {
        StreamRedactor stream = redactor.streaming();
        assertThat(stream.feed("plain text, no key here; sk-other-value")).isEqualTo("plain text, no key here; sk-other-value");
        assertThat(stream.flush()).isEmpty();
    }
}
