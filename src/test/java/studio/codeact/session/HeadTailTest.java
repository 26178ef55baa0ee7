package studio.codeact.session;

import org.junit.jupiter.api.Test;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class HeadTailTest {

    @Test
    void shortTextIsLeftAlone() {
        assertThat(HeadTail.clip("hello\n", 100)).isEqualTo("hello\n");
    }

    @Test
    void longTextKeepsWholeLinesAtBothEndsAndSaysWhatWasCut() {
        String text = IntStream.range(0, 10_000).mapToObj(i -> "row " + i).collect(Collectors.joining("\n", "", "\n"));

        String clipped = HeadTail.clip(text, 1_000);

        assertThat(clipped.length()).isLessThanOrEqualTo(1_000);
        assertThat(clipped).startsWith("row 0\nrow 1\n").endsWith("row 9999\n");
        assertThat(clipped).containsPattern("\\[\u2026 [\\d,]+ characters \\([\\d,]+ lines\\) cut from the middle \u2026]");
        String marker = clipped.lines().filter(l -> l.startsWith("[\u2026")).findFirst().orElseThrow();
        int before = clipped.indexOf(marker);
        assertThat(clipped.charAt(before - 1)).as("the head ends with a whole line").isEqualTo('\n');
        String afterMarker = clipped.substring(before + marker.length() + 1);
        assertThat(afterMarker).startsWith("row ").matches("(?s)row \\d+\n.*");
    }

    @Test
    void oneEndlessLineIsCutInsideTheLine() {
        String text = "x".repeat(50_000);

        String clipped = HeadTail.clip(text, 500);

        assertThat(clipped.length()).isLessThanOrEqualTo(500);
        assertThat(clipped).contains("characters cut from the middle").doesNotContain("lines)");
    }
}
