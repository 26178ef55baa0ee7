package studio.codeact.agent;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How data files are loaded: when a file is too big for pandas and goes to a lazy Dask DataFrame
 * instead, and which Dask cluster (if any) computes.
 *
 * @param eagerLimitBytes  estimated in-memory size above which a file loads lazily; 0 for a
 *                         quarter of {@code memoryLimitBytes}
 * @param memoryLimitBytes the engine's memory ceiling; 0 for its default (a share of physical memory)
 * @param daskScheduler    the address of a Dask scheduler ({@code tcp://HOST:PORT}) to connect, if any
 */
public record DataOptions(long eagerLimitBytes, long memoryLimitBytes, Optional<String> daskScheduler) {

    public static final DataOptions DEFAULTS = new DataOptions(0, 0, Optional.empty());

    public DataOptions {
        if (eagerLimitBytes < 0 || memoryLimitBytes < 0) {
            throw new IllegalArgumentException("sizes cannot be negative");
        }
        daskScheduler = daskScheduler == null ? Optional.empty() : daskScheduler.filter(s -> !s.isBlank());
    }

    /** The options as {@code datasets.py}'s {@code plan} reads them. */
    Map<String, Object> asPython() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("eager_limit", eagerLimitBytes);
        map.put("memory_limit", memoryLimitBytes);
        map.put("threads", Runtime.getRuntime().availableProcessors());
        map.put("scheduler", daskScheduler.orElse(""));
        return map;
    }
}
