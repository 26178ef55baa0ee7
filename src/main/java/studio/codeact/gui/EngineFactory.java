package studio.codeact.gui;

import studio.codeact.engine.EngineConfig;
import studio.codeact.engine.EngineException;
import studio.codeact.engine.EngineKind;
import studio.codeact.engine.Engines;
import studio.codeact.engine.PythonEngine;
import studio.codeact.engine.PythonLocator;
import studio.codeact.gui.settings.SettingsForm;

import java.nio.file.Path;

/** Makes the engine the settings ask for (embedded by default), running in the session's working folder. */
public final class EngineFactory {

    private EngineFactory() {
    }

    /** A new, not started engine of the kind, interpreter and kernelspec {@code form} names, running code in {@code folder}. */
    public static PythonEngine create(SettingsForm form, Path folder) {
        boolean remote = form.engine() == EngineKind.REMOTE;
        // the remote engine runs no local Python
        EngineConfig config = EngineConfig.of(remote ? PythonLocator.choose(form.python()) : PythonLocator.chooseReady(form.python()))
                .withWorkingDirectory(folder)
                .withSandbox(studio.codeact.engine.sandbox.SandboxConfig.defaults()
                        .withSecretValues(form.apiKey() == null ? java.util.List.of() : java.util.List.of(form.apiKey())));
        if (remote) {
            try {
                return Engines.create(form.engine(), config.withJupyterServer(form.jupyter().toConfig(System.getenv())));
            } catch (IllegalArgumentException e) {
                throw new EngineException(e.getMessage() + " (Settings → Python engine → Jupyter server)", e);
            }
        }
        if (!form.kernelSpec().isBlank()) {
            config = config.withKernelSpec(form.kernelSpec());
        }
        // Settings → Compute: the memory ceiling, and the Dask scheduler's port through the sandbox
        studio.codeact.gui.settings.ComputeSettings compute = studio.codeact.gui.settings.ComputeSettings.load(
                studio.codeact.llm.settings.SettingsFile.standard());
        try {
            if (compute.memoryLimitBytes() > 0) {
                config = config.withMemoryLimit(compute.memoryLimitBytes());
            }
            java.util.Optional<java.net.URI> scheduler = compute.scheduler();
            if (scheduler.isPresent()) {
                config = config.withSandbox(config.sandbox().withConnectPort(scheduler.get().getPort()));
            }
        } catch (IllegalArgumentException e) {
            throw new EngineException(e.getMessage(), e);
        }
        return Engines.create(form.engine(), config);
    }
}
