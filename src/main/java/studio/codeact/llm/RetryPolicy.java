package studio.codeact.llm;

import java.time.Duration;
import java.util.Objects;

/**
 * How rate limits (429) and server errors (5xx) are retried: exponential backoff with jitter,
 * or exactly the wait the server asks for in {@code Retry-After}. Other errors are never retried.
 *
 * @param maxRetries     retries after the first attempt (0 = never retry)
 * @param initialBackoff the wait before the first retry when the server names none; doubles each time
 * @param maxBackoff     the longest single wait; a server asking for more is reported at once instead
 */
public record RetryPolicy(int maxRetries, Duration initialBackoff, Duration maxBackoff) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(2, Duration.ofSeconds(1), Duration.ofSeconds(30));

    /** Never retry. */
    public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ofSeconds(1), Duration.ofSeconds(30));

    public RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be 0 or more, not " + maxRetries);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must satisfy 0 <= initial <= max, not " + initialBackoff + ", " + maxBackoff);
        }
    }

    public RetryPolicy withMaxRetries(int value) {
        return new RetryPolicy(value, initialBackoff, maxBackoff);
    }
}
