package studio.codeact.session;

import org.junit.jupiter.api.Test;
import studio.codeact.engine.MimeBundle;
import studio.codeact.engine.Output;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OutputCompactionTest {

    private static Output.Stream out(String text) {
        return new Output.Stream(Output.StreamName.STDOUT, text);
    }

    @Test
    void consecutiveChunksOfOneStreamMerge() {
        Output.Display display = new Output.Display(MimeBundle.of(MimeBundle.TEXT_PLAIN, "x"), Map.of());
        List<Output> compacted = OutputCompaction.compact(List.of(out("a"), out("b\n"),
                new Output.Stream(Output.StreamName.STDERR, "warn\n"), out("c\n"), display, out("d")), 1000);

        assertThat(compacted).containsExactly(out("ab\n"), new Output.Stream(Output.StreamName.STDERR, "warn\n"), out("c\n"), display, out("d"));
    }

    @Test
    void aMillionLinesKeepTheirHeadAndTailWithinTheCap() {
        List<Output> chunks = new ArrayList<>();
        StringBuilder chunk = new StringBuilder();
        for (int i = 0; i < 1_000_000; i++) {
            chunk.append("line ").append(i).append('\n');
            if (chunk.length() > 8192) {
                chunks.add(out(chunk.toString()));
                chunk.setLength(0);
            }
        }
        chunks.add(out(chunk.toString()));

        List<Output> compacted = OutputCompaction.compact(chunks, 10_000);

        assertThat(compacted).hasSize(1);
        String text = ((Output.Stream) compacted.getFirst()).text();
        assertThat(text.length()).isLessThanOrEqualTo(10_000);
        assertThat(text).startsWith("line 0\nline 1\n").endsWith("line 999999\n").contains("cut from the middle");
    }
}
