package studio.codeact.llm.http;

import okhttp3.Headers;
import studio.codeact.llm.RetryPolicy;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait before a retry: what the server asked for ({@code retry-after-ms}, or
 * {@code Retry-After} in seconds or as an HTTP date), otherwise exponential backoff with jitter.
 */
public final class Backoff {

    private final RetryPolicy policy;
    private final Clock clock;

    public Backoff(RetryPolicy policy) {
        this(policy, Clock.systemUTC());
    }

    Backoff(RetryPolicy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * The wait before retry number {@code retry} (0 for the first retry): the server's wish when
     * it said one, else {@code initial × 2^retry} capped at the maximum, with jitter between half
     * and all of it.
     */
    public Duration delay(int retry, Headers headers) {
        Optional<Duration> asked = serverWait(headers);
        if (asked.isPresent()) {
            return asked.get();
        }
        long initial = policy.initialBackoff().toMillis();
        long max = policy.maxBackoff().toMillis();
        long full = Math.min(max, initial << Math.min(retry, 30));
        if (full <= 1) {
            return Duration.ofMillis(full);
        }
        long half = full / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(full - half + 1));
    }

    /** True when the server asked for a longer wait than the policy allows for one retry. */
    public boolean tooLong(Duration wait) {
        return wait.compareTo(policy.maxBackoff()) > 0;
    }

    /** The wait the server asked for, if it asked and the header could be read. */
    public Optional<Duration> serverWait(Headers headers) {
        String millis = headers.get("retry-after-ms");
        if (millis != null) {
            try {
                return Optional.of(Duration.ofMillis(Math.max(0, (long) Double.parseDouble(millis.trim()))));
            } catch (NumberFormatException ignored) {
                // try Retry-After
            }
        }
        return parseRetryAfter(headers.get("Retry-After"));
    }

    /** {@code Retry-After} as delay-seconds or an HTTP date; empty when absent or unreadable. */
    public Optional<Duration> parseRetryAfter(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.trim();
        try {
            double seconds = Double.parseDouble(text);
            return Optional.of(Duration.ofMillis(Math.max(0, (long) (seconds * 1000))));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime when = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(clock.instant(), when.toInstant());
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }
}
