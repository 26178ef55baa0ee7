package studio.codeact.engine.support;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class DurationsTest {

    @Test
    void durationsReadAsPeopleSayThem() {
        assertThat(Durations.text(Duration.ofMillis(300))).isEqualTo("300 ms");
        assertThat(Durations.text(Duration.ofSeconds(1))).isEqualTo("1 s");
        assertThat(Durations.text(Duration.ofMillis(1500))).isEqualTo("1.5 s");
        assertThat(Durations.text(Duration.ofSeconds(90))).isEqualTo("90 s");
        assertThat(Durations.text(Duration.ofMinutes(2))).isEqualTo("2 min");
        assertThat(Durations.text(null)).isEqualTo("no limit");
    }
}
