package studio.codeact.cli;

import studio.codeact.llm.ProviderConfig;
import studio.codeact.llm.Timeouts;

import java.time.Duration;

/**
 * {@code --timeout SEC} of {@code ask} and {@code bench}: one bound on connecting, on the first
 * token and on the gap between tokens of each model call. The settings file keeps its three
 * finer keys; the flag, when given, overrides all three.
 */
final class ModelTimeout {

    private ModelTimeout() {
    }

    static ProviderConfig apply(ProviderConfig config, Double seconds) {
        if (seconds == null) {
            return config;
        }
        if (!(seconds > 0) || seconds.isInfinite()) {
            throw new IllegalArgumentException("--timeout must be a positive number of seconds, not " + seconds);
        }
        Duration limit = Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)));
        return config.withTimeouts(new Timeouts(limit, limit, limit));
    }
}
