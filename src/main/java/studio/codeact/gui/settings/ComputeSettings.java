package studio.codeact.gui.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import studio.codeact.agent.DataOptions;
import studio.codeact.llm.settings.SettingsFile;

import java.net.URI;
import java.util.Optional;

/**
 * Settings → Compute, kept in its own {@code "compute"} object of the settings file (the CLI's
 * {@code ask} reads the same object for its defaults): the memory ceiling of the session's Python, the eager limit above which a
 * file loads lazily with Dask, and a Dask scheduler to connect. Blank means the default (no
 * ceiling of the user's, a quarter of the ceiling, no cluster).
 *
 * @param memoryLimit  e.g. {@code 2G}; blank for the engine's default
 * @param eagerLimit   e.g. {@code 500M}; blank for a quarter of the memory limit
 * @param daskScheduler {@code tcp://HOST:PORT}; blank for none
 */
public record ComputeSettings(String memoryLimit, String eagerLimit, String daskScheduler) {

    public static final String KEY = "compute";
    public static final ComputeSettings DEFAULTS = new ComputeSettings("", "", "");

    public ComputeSettings {
        memoryLimit = memoryLimit == null ? "" : memoryLimit.strip();
        eagerLimit = eagerLimit == null ? "" : eagerLimit.strip();
        daskScheduler = daskScheduler == null ? "" : daskScheduler.strip();
    }

    /** What the settings' {@code "compute"} object holds (the defaults for what it lacks). */
    public static ComputeSettings fromJson(JsonNode root) {
        JsonNode section = root.path(KEY);
        return new ComputeSettings(section.path("memoryLimit").asText(""), section.path("eagerLimit").asText(""),
                section.path("daskScheduler").asText(""));
    }

    /** What the file holds (the defaults when it holds nothing, or cannot be read). */
    public static ComputeSettings load(SettingsFile file) {
        try {
            return fromJson(file.read());
        } catch (RuntimeException e) {
            return DEFAULTS;
        }
    }

    /** Puts this section into the settings' {@code root} (removes it when all is default). */
    public void writeTo(ObjectNode root) {
        if (equals(DEFAULTS)) {
            root.remove(KEY);
        } else {
            ObjectNode section = root.putObject(KEY);
            section.put("memoryLimit", memoryLimit);
            section.put("eagerLimit", eagerLimit);
            section.put("daskScheduler", daskScheduler);
        }
    }

    /**
     * The sentence that says what is wrong, or empty when every field is valid.
     */
    public Optional<String> problem() {
        try {
            memoryLimitBytes();
            dataOptions();
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** Bytes of the memory limit, 0 for the default. */
    public long memoryLimitBytes() {
        return memoryLimit.isEmpty() ? 0 : DataOptions.parseSize(memoryLimit, "the memory limit (Settings → Compute)");
    }

    /** The scheduler's address, if one is set. */
    public Optional<URI> scheduler() {
        return DataOptions.schedulerAddress(daskScheduler, "the Dask scheduler (Settings → Compute)");
    }

    /** The agent's loading options. */
    public DataOptions dataOptions() {
        long eager = eagerLimit.isEmpty() ? 0 : DataOptions.parseSize(eagerLimit, "the eager limit (Settings → Compute)");
        return new DataOptions(eager, memoryLimitBytes(), scheduler().map(URI::toString));
    }
}
