package studio.codeact.cli;

import picocli.CommandLine.Option;
import studio.codeact.agent.DataOptions;
import studio.codeact.engine.EngineConfig;
import studio.codeact.engine.sandbox.SandboxConfig;

import java.net.URI;
import java.util.Optional;

/**
 * {@code --memory-limit}, {@code --eager-limit} and {@code --dask-scheduler}: how much memory the
 * session's Python may use, when a data file is loaded lazily with Dask instead of into pandas,
 * and which Dask cluster computes. Shared by {@code ask} and {@code chat}.
 */
final class ComputeOptions {

    @Option(names = "--memory-limit", paramLabel = "SIZE",
            description = "Most memory the session's Python may use, e.g. 2G or 512M (embedded engine: growth above the app's idle "
                    + "footprint; kernel engine: the kernel process). Default: about half of physical memory (embedded), none (kernel).")
    String memoryLimit;

    @Option(names = "--eager-limit", paramLabel = "SIZE",
            description = "Files whose estimated in-memory size passes this load lazily as Dask DataFrames (default: a quarter of the memory limit).")
    String eagerLimit;

    @Option(names = "--dask-scheduler", paramLabel = "tcp://HOST:PORT",
            description = "Connect a Dask cluster's scheduler; Dask computations then run on its workers (data paths must be readable by them).")
    String daskScheduler;

    /**
     * Fills the flags not given from the settings file's {@code "compute"} section (Settings → Compute
     * in the window), so the command line and the window agree; a flag wins.
     */
    void defaultsFrom(com.fasterxml.jackson.databind.JsonNode settings) {
        com.fasterxml.jackson.databind.JsonNode compute = settings.path("compute");
        if (memoryLimit == null && !compute.path("memoryLimit").asText("").isBlank()) {
            memoryLimit = compute.path("memoryLimit").asText();
        }
        if (eagerLimit == null && !compute.path("eagerLimit").asText("").isBlank()) {
            eagerLimit = compute.path("eagerLimit").asText();
        }
        if (daskScheduler == null && !compute.path("daskScheduler").asText("").isBlank()) {
            daskScheduler = compute.path("daskScheduler").asText();
        }
    }

    /** Bytes of {@code --memory-limit}, 0 when not given. */
    long memoryLimitBytes() {
        return memoryLimit == null ? 0 : parseSize(memoryLimit, "--memory-limit");
    }

    /** The options the agent loads data with. */
    DataOptions dataOptions() {
        long eager = eagerLimit == null ? 0 : parseSize(eagerLimit, "--eager-limit");
        return new DataOptions(eager, memoryLimitBytes(), scheduler().map(URI::toString));
    }

    /** The engine's memory ceiling from {@code --memory-limit}. */
    EngineConfig apply(EngineConfig engine) {
        long bytes = memoryLimitBytes();
        return bytes > 0 ? engine.withMemoryLimit(bytes) : engine;
    }

    /** The sandbox lets model code reach the scheduler's port (and no other). */
    SandboxConfig apply(SandboxConfig sandbox) {
        return scheduler().map(uri -> sandbox.withConnectPort(uri.getPort())).orElse(sandbox);
    }

    /**
     * The scheduler's address.
     *
     * @throws IllegalArgumentException when it is not {@code tcp://HOST:PORT}
     */
    Optional<URI> scheduler() {
        return DataOptions.schedulerAddress(daskScheduler, "--dask-scheduler");
    }

    /** Bytes of a size such as {@code 2G} ({@link DataOptions#parseSize}). */
    static long parseSize(String text, String flag) {
        return DataOptions.parseSize(text, flag);
    }
}
