package studio.codeact.agent;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final Pattern SIZE = Pattern.compile("(?i)\\s*(\\d+(?:\\.\\d+)?)\\s*([kmgt]?)(i?b)?\\s*");

    /**
     * Bytes of a size such as {@code 2G}, {@code 512M}, {@code 1.5GB}, {@code 300MiB} or {@code 1000000}
     * (K, M, G, T count in 1024s).
     *
     * @throws IllegalArgumentException naming {@code what} when the text is no size or less than 1M
     */
    public static long parseSize(String text, String what) {
        Matcher matcher = SIZE.matcher(text == null ? "" : text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(what + " takes a size such as 2G, 512M or 1.5GB, not '" + text + "'");
        }
        double number = Double.parseDouble(matcher.group(1));
        int power = "kmgt".indexOf(matcher.group(2).toLowerCase(Locale.ROOT)) + 1;
        long bytes = (long) (number * Math.pow(1024, power));
        if (bytes < 1 << 20) {
            throw new IllegalArgumentException(what + " must be at least 1M, not '" + text + "'");
        }
        return bytes;
    }

    /**
     * A Dask scheduler's address, {@code tcp://HOST:PORT} ({@code HOST:PORT} is taken as tcp); empty for blank text.
     *
     * @throws IllegalArgumentException naming {@code what} when it is not such an address
     */
    public static Optional<URI> schedulerAddress(String text, String what) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String address = text.strip().contains("://") ? text.strip() : "tcp://" + text.strip();
        try {
            URI uri = new URI(address);
            if (!"tcp".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 1) {
                throw new URISyntaxException(address, "not tcp://HOST:PORT");
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(what + " takes the scheduler's address as tcp://HOST:PORT (e.g. tcp://10.0.0.5:8786), not '"
                    + text + "'", e);
        }
    }

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
