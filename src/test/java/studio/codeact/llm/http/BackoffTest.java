package studio.codeact.llm.http;

import okhttp3.Headers;
import org.junit.jupiter.api.Test;
import studio.codeact.llm.RetryPolicy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    private static final Instant NOW = Instant.parse("2026-11-02T10:00:00Z");
    private final Backoff backoff = new Backoff(new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(2)),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void retryAfterInSecondsIsHonouredExactly() {
        assertThat(backoff.delay(0, Headers.of("Retry-After", "3"))).isEqualTo(Duration.ofSeconds(3));
        assertThat(backoff.delay(0, Headers.of("Retry-After", "0.5"))).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void retryAfterAsAnHttpDateIsTheTimeUntilThen() {
        assertThat(backoff.delay(0, Headers.of("Retry-After", "Mon, 02 Nov 2026 10:00:07 GMT"))).isEqualTo(Duration.ofSeconds(7));
        assertThat(backoff.delay(0, Headers.of("Retry-After", "Mon, 02 Nov 2026 09:00:00 GMT"))).isEqualTo(Duration.ZERO);
    }

    @Test
    void retryAfterMillisecondsWinOverRetryAfter() {
        assertThat(backoff.delay(0, Headers.of("retry-after-ms", "250", "Retry-After", "3"))).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void withoutAWishTheWaitDoublesWithJitterUpToTheMaximum() {
        for (int i = 0; i < 50; i++) {
            assertThat(backoff.delay(0, Headers.of()).toMillis()).isBetween(50L, 100L);
            assertThat(backoff.delay(3, Headers.of()).toMillis()).isBetween(400L, 800L);
            assertThat(backoff.delay(10, Headers.of()).toMillis()).isBetween(1_000L, 2_000L);
        }
        assertThat(backoff.delay(0, Headers.of("Retry-After", "soon")).toMillis()).isBetween(50L, 100L);
    }

    @Test
    void aWishLongerThanTheMaximumIsTooLong() {
        assertThat(backoff.tooLong(Duration.ofSeconds(3))).isTrue();
        assertThat(backoff.tooLong(Duration.ofSeconds(2))).isFalse();
    }
}
