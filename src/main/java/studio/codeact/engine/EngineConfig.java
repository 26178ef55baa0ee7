package studio.codeact.engine;

import studio.codeact.engine.sandbox.SandboxConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to start an engine.
 *
 * @param python           the interpreter to use (from {@link PythonLocator}); the remote engine ignores it
 * @param workingDirectory the folder code runs in (the session's working folder); the remote engine
 *                         keeps figures and downloads here and works in a folder of the same name on the server
 * @param memoryLimitBytes ceiling on the interpreter's memory; 0 means the engine's default
 *                         (embedded: a share of physical memory; kernel: none)
 * @param kernelSpec       kernel engine only: a kernelspec name to launch instead of {@code python}
 * @param interruptGrace   how long a timed-out or interrupted cell may take to stop before the
 *                         engine escalates (kernel: restart)
 * @param jupyterServer    remote engine only: the server to run kernels on
 * @param sandbox          the sandbox around the code (on by default: {@link SandboxConfig#defaults()})
 */
public record EngineConfig(Path python, Path workingDirectory, long memoryLimitBytes,
                           Optional<String> kernelSpec, Duration interruptGrace, Optional<JupyterServerConfig> jupyterServer,
                           SandboxConfig sandbox) {

    public EngineConfig {
        Objects.requireNonNull(python, "python");
        workingDirectory = workingDirectory == null ? Path.of("").toAbsolutePath() : workingDirectory.toAbsolutePath();
        kernelSpec = kernelSpec == null ? Optional.empty() : kernelSpec;
        interruptGrace = interruptGrace == null ? Duration.ofSeconds(5) : interruptGrace;
        jupyterServer = jupyterServer == null ? Optional.empty() : jupyterServer;
        sandbox = sandbox == null ? SandboxConfig.defaults() : sandbox;
    }

    /** A local engine's configuration (no Jupyter server), sandboxed by default. */
    public EngineConfig(Path python, Path workingDirectory, long memoryLimitBytes, Optional<String> kernelSpec, Duration interruptGrace) {
        this(python, workingDirectory, memoryLimitBytes, kernelSpec, interruptGrace, Optional.empty(), null);
    }

    public static EngineConfig of(Path python) {
        return new EngineConfig(python, null, 0, Optional.empty(), null, Optional.empty(), null);
    }

    public EngineConfig withWorkingDirectory(Path folder) {
        return new EngineConfig(python, folder, memoryLimitBytes, kernelSpec, interruptGrace, jupyterServer, sandbox);
    }

    public EngineConfig withMemoryLimit(long bytes) {
        return new EngineConfig(python, workingDirectory, bytes, kernelSpec, interruptGrace, jupyterServer, sandbox);
    }

    public EngineConfig withKernelSpec(String name) {
        return new EngineConfig(python, workingDirectory, memoryLimitBytes, Optional.ofNullable(name), interruptGrace, jupyterServer, sandbox);
    }

    public EngineConfig withJupyterServer(JupyterServerConfig server) {
        return new EngineConfig(python, workingDirectory, memoryLimitBytes, kernelSpec, interruptGrace, Optional.ofNullable(server), sandbox);
    }

    public EngineConfig withSandbox(SandboxConfig settings) {
        return new EngineConfig(python, workingDirectory, memoryLimitBytes, kernelSpec, interruptGrace, jupyterServer, settings);
    }
}
