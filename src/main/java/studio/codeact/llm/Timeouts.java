package studio.codeact.llm;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a model call may take at each stage.
 *
 * @param connect    to open the connection (TCP and TLS)
 * @param firstToken from sending the request to the first token of the answer (a local model
 *                   may first have to load; reasoning models think before they write)
 * @param idle       the longest gap between two tokens once the answer has started; keep-alive
 *                   comments and pings do not count as tokens
 */
public record Timeouts(Duration connect, Duration firstToken, Duration idle) {

    public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(120), Duration.ofSeconds(60));

    public Timeouts {
        requirePositive(connect, "connect");
        requirePositive(firstToken, "firstToken");
        requirePositive(idle, "idle");
    }

    public Timeouts withConnect(Duration value) {
        return new Timeouts(value, firstToken, idle);
    }

    public Timeouts withFirstToken(Duration value) {
        return new Timeouts(connect, value, idle);
    }

    public Timeouts withIdle(Duration value) {
        return new Timeouts(connect, firstToken, value);
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("the " + name + " timeout must be positive, not " + value);
        }
    }
}
