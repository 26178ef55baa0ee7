package studio.codeact.gui.cells;

import org.junit.jupiter.api.Test;
import studio.codeact.engine.Output;
import studio.codeact.engine.OutputBound;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 13 item 3: what waits for the FX thread during a flood is about one output limit, and the view counts the cut. */
class OutputFeedTest {

    private static Output.Stream out(String text) {
        return new Output.Stream(Output.StreamName.STDOUT, text);
    }

    @Test
    void aFloodWaitingForTheFxThreadIsMergedIntoHeadCutAndTail() {
        List<Runnable> tasks = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        List<OutputItem> items = new ArrayList<>();
        OutputFeed<String> feed = new OutputFeed<>(tasks::add, new OutputFeed.Sink<>() {
            @Override
            public void output(String key, Output output) {
                seen.add(key + ":" + output.getClass().getSimpleName());
                OutputMapper.append(items, output, "");
            }

            @Override
            public void cut(String key, Output.StreamName stream, long chars, long lines) {
                seen.add(key + ":cut " + chars + " " + lines);
                OutputMapper.cut(items, stream, chars, lines);
            }
        });
        String line = "x".repeat(99) + "\n";
        feed.offer("a", out("first line\n"));
        for (int i = 0; i < 100_000; i++) { // 10 MB while the FX thread is busy
            feed.offer("a", out(line));
        }
        feed.offer("a", out("last line\n"));
        feed.offer("a", new Output.Error("ValueError", "late", List.of()));

        assertThat(tasks).as("one task, not one per chunk").hasSize(1);
        tasks.getFirst().run();

        int limit = OutputBound.defaultLimit();
        long cut = 11 + 100_000L * 100 + 10 - (long) (limit * 0.6) - (limit - (int) (limit * 0.6));
        assertThat(seen).containsExactly("a:Stream", "a:cut " + cut + " " + (cut / 100 + 1), "a:Stream", "a:Error");
        String shown = ((OutputItem.StreamText) items.getFirst()).text();
        assertThat(shown.length()).isLessThan(limit + 200);
        assertThat(shown).startsWith("first line\nxxx").endsWith("x\nlast line\n").contains(String.format(java.util.Locale.ROOT, "[\u2026 %,d characters", cut));
        assertThat(items.getLast()).isInstanceOf(OutputItem.Error.class);
    }

    @Test
    void chunksOfOtherCellsAndStreamsKeepTheirOrder() {
        List<Runnable> tasks = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        OutputFeed<Integer> feed = new OutputFeed<>(tasks::add, new OutputFeed.Sink<>() {
            @Override
            public void output(Integer key, Output output) {
                seen.add(key + ":" + ((Output.Stream) output).text());
            }

            @Override
            public void cut(Integer key, Output.StreamName stream, long chars, long lines) {
                seen.add("cut");
            }
        });
        feed.offer(1, out("a"));
        feed.offer(1, out("b"));
        feed.offer(1, new Output.Stream(Output.StreamName.STDERR, "c"));
        feed.offer(2, out("d"));
        tasks.getFirst().run();
        feed.offer(2, out("e"));
        tasks.getLast().run();

        assertThat(tasks).hasSize(2);
        assertThat(seen).containsExactly("1:ab", "1:c", "2:d", "2:e");
    }
}
