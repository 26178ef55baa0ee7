package studio.codeact.cli.perf;

import studio.codeact.cli.Main;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code codeact perf bigdata} at small scale: a 150 MB file under a 50 MB ceiling, through the embedded engine. */
@org.junit.jupiter.api.Tag("own-process") // measures this process's memory against a 50 MB ceiling: a fresh JVM (pom.xml)
class PerfBigDataCommandTest {

    @Test
    void aFileThreeTimesTheCeilingIsAnsweredWithoutMemoryErrorAndAgreesWithTheBaselines() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream before = System.out;
        int exit;
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            exit = Main.commandLine().execute("perf", "bigdata", "--memory-limit", "50M");
        } finally {
            System.setOut(before);
        }
        String text = printed.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(text).isZero();
        JsonNode report = new ObjectMapper().readTree(text);
        assertThat(report.path("file_bytes").asLong()).isGreaterThan(150_000_000L);
        assertThat(report.path("engine_run").path("lazy").asBoolean()).isTrue();
        assertThat(report.path("answers_agree").asBoolean()).as(text).isTrue();
        JsonNode targets = report.path("targets");
        assertThat(targets.path("no_memory_error").asBoolean()).isTrue();
        assertThat(targets.path("peak_under_limit").asBoolean()).as(text).isTrue();
        assertThat(targets.has("time_vs_dask")).isTrue();
        assertThat(report.path("engine_run").path("times").has("group_by_sum")).isTrue();
        assertThat(report.path("chunked_pandas").path("peak_bytes").asLong()).isPositive();
    }
}
