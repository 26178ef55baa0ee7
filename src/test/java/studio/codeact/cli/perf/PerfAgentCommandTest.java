package studio.codeact.cli.perf;

import studio.codeact.cli.Main;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class PerfAgentCommandTest {

    @Test
    void printsOverheadAndCharactersPerTurnAsOneJsonObject() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine line = Main.commandLine();
        line.setOut(new PrintWriter(out, true));

        int exit = line.execute("perf", "agent", "--turns", "6", "--cache-turns", "6", "--context-budget", "12000", "--output-lines", "120");

        assertThat(exit).isZero();
        JsonNode figures = new ObjectMapper().readTree(out.toString());
        assertThat(figures.path("turns").asInt()).isEqualTo(6);
        assertThat(figures.path("chars_sent_per_turn")).hasSize(6);
        assertThat(figures.path("overhead_ms_per_turn").path("median").asDouble()).isPositive();
        assertThat(figures.path("overhead_ms_per_turn_session_in_memory").has("p95")).isTrue();
        assertThat(figures.path("chars_sent_max").asInt()).isLessThanOrEqualTo(12_000);
        assertThat(figures.path("levels_off_under_budget").asBoolean()).isTrue();
        JsonNode cache = figures.path("prompt_cache");
        assertThat(cache.path("turns").asInt()).isEqualTo(6);
        assertThat(cache.path("request_bytes_per_turn")).hasSize(6);
        assertThat(cache.path("prefix_reused_from_turn_2")).hasSize(5);
        // Three actions of about 3,000 characters fit in 12,000 with the prompt: the requests before shortening extend each other.
        assertThat(cache.path("prefix_reused_from_turn_2").get(0).asDouble()).isGreaterThan(0.9);
        assertThat(cache.path("prefix_reused_meets_target").asBoolean()).isTrue();
    }
}
