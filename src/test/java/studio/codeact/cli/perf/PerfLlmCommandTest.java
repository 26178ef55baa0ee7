package studio.codeact.cli.perf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the streaming benchmark small; checks what it prints, not how fast it was. */
class PerfLlmCommandTest {

    @Test
    void printsOneJsonObjectWithTheMeasuredFigures() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine command = new CommandLine(new PerfLlmCommand());
        command.setOut(new PrintWriter(out));

        int exit = command.execute("--tokens", "500", "--runs", "1", "--warmups", "1");

        assertThat(exit).isZero();
        String printed = out.toString().strip();
        assertThat(printed.lines()).hasSize(1);
        JsonNode result = new ObjectMapper().readTree(printed);
        assertThat(result.path("tokens").asInt()).isEqualTo(500);
        assertThat(result.path("streamBytes").asLong()).isPositive();
        for (String figure : new String[] {"overheadMicrosPerToken", "wallMicrosPerToken", "lastByteToResponseMillis", "loadAverage"}) {
            assertThat(result.get(figure)).as(figure).isNotNull();
            assertThat(result.get(figure).isNumber()).as(figure).isTrue();
        }
        assertThat(result.path("targets").path("overheadMicrosPerToken").asDouble()).isEqualTo(20);
        assertThat(result.path("targets").path("lastByteToResponseMillis").asDouble()).isEqualTo(5);
        assertThat(result.get("withinTargets").isBoolean()).isTrue();
    }

    @Test
    void badNumbersAreBadUsage() {
        CommandLine command = new CommandLine(new PerfLlmCommand());
        command.setErr(new PrintWriter(new StringWriter()));
        command.setExecutionExceptionHandler((error, cmd, parsed) -> error instanceof IllegalArgumentException ? 2 : 1);

        assertThat(command.execute("--tokens", "1")).isEqualTo(2);
    }
}
