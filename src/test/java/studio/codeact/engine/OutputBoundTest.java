package studio.codeact.engine;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 13 item 3: what a cell keeps of its output is bounded, head and tail, with a count of the cut. */
class OutputBoundTest {

    private static Output.Stream out(String text) {
        return new Output.Stream(Output.StreamName.STDOUT, text);
    }

    @Test
    void shortOutputIsKeptWholeAndChunksMerge() {
        OutputBound bound = new OutputBound(10_000);
        bound.add(out("a\n"));
        bound.add(out("b\n"));
        bound.add(new Output.Stream(Output.StreamName.STDERR, "warn\n"));
        bound.add(out("c\n"));

        assertThat(bound.outputs()).containsExactly(out("a\nb\n"), new Output.Stream(Output.StreamName.STDERR, "warn\n"), out("c\n"));
    }

    @Test
    void aMillionLinesKeepTheirHeadAndTailAndSayWhatWasCut() {
        OutputBound bound = new OutputBound(10_000);
        StringBuilder chunk = new StringBuilder();
        for (int line = 0; line < 1_000_000; line++) {
            chunk.append("line ").append(line).append('\n');
            if (chunk.length() > 50_000) {
                bound.add(out(chunk.toString()));
                chunk.setLength(0);
            }
        }
        bound.add(out(chunk.toString()));
        bound.add(new Output.Error("ValueError", "after", List.of()));

        List<Output> kept = bound.outputs();
        assertThat(kept).hasSize(2);
        String text = ((Output.Stream) kept.getFirst()).text();
        assertThat(text.length()).isLessThan(10_200);
        assertThat(text).startsWith("line 0\nline 1\n").endsWith("line 999999\n").containsPattern("\\[\u2026 [0-9,]+ characters \\([0-9,]+ lines\\) cut from the middle \u2026\\]");
        assertThat(kept.getLast()).isInstanceOf(Output.Error.class);
    }

    @Test
    void oneHugeChunkIsBoundedToo() {
        OutputBound bound = new OutputBound(2_000);
        bound.add(out("h".repeat(1_000) + "x".repeat(5_000_000) + "t".repeat(1_000)));

        String text = ((Output.Stream) bound.outputs().getFirst()).text();
        assertThat(text.length()).isLessThan(2_100);
        assertThat(text).startsWith("h".repeat(1_000)).endsWith("t".repeat(800)).contains("5,000,000 characters cut");
    }
}
