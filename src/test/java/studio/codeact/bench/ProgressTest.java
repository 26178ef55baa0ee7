package studio.codeact.bench;

import studio.codeact.agent.ActionFormat;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressTest {

    @Test
    void lineShowsDoneTotalSuccessElapsedAndEta() {
        Progress progress = new Progress(new PrintWriter(new StringWriter()), 10, 2, 1);
        TaskResult solved = ResultsFileTest.result("heaviest-tent", ActionFormat.JSON, Outcome.SOLVED, 4);
        progress.finished(solved);
        progress.finished(solved);
        String line = progress.line(solved, Duration.ofSeconds(90).toNanos());
        assertThat(line).startsWith("[4/10] success 3/4 (75.0%) · elapsed 1m30s · ETA 4m30s · m json heaviest-tent: solved, 4 turns");
    }

    @Test
    void durationsReadNaturally() {
        assertThat(Progress.duration(Duration.ofSeconds(42))).isEqualTo("42s");
        assertThat(Progress.duration(Duration.ofSeconds(3 * 60 + 5))).isEqualTo("3m05s");
        assertThat(Progress.duration(Duration.ofMinutes(135))).isEqualTo("2h15m");
    }
}
