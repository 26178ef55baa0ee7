package studio.codeact.engine.jupyter;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Jupyter engines' one JSON mapper, created on first use: loading Jackson costs a cold JVM a few
 * hundred milliseconds, which must not delay the spawn of the kernel process (see
 * {@link KernelLauncher#launch}). Thread-safe once built.
 */
public final class Json {

    private Json() {
    }

    /**
     * The mapper. It has no cap on the length of one string (Jackson's default is 20 MB): a
     * kernel sends a large stdout burst, or a big table page, as a single string.
     */
    public static ObjectMapper mapper() {
        return Holder.MAPPER;
    }

    private static final class Holder {
        static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
                .build());
    }
}
