package studio.codeact.gui;

import studio.codeact.engine.EngineConfig;
import studio.codeact.engine.EngineException;
import studio.codeact.engine.EngineKind;
import studio.codeact.engine.Engines;
import studio.codeact.engine.PythonEngine;
import studio.codeact.engine.PythonLocator;
import studio.codeact.gui.settings.SettingsForm;

import studio.codeact.engine.sandbox.SandboxConfig;
import studio.codeact.llm.settings.SettingsFile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes the engine the settings ask for (embedded by default), running in the session's working
 * folder, with Settings → Sandbox's choices; the keys of the form and of the settings file are
 * redacted from its outputs.
 */
public final class EngineFactory {

    private EngineFactory() {
    }

    /** A new, not started engine of the kind, interpreter and kernelspec {@code form} names, running code in {@code folder}. */
    public static PythonEngine create(SettingsForm form, Path folder) {
        return create(form, folder, SettingsFile.standard().keyValues());
    }

    /** The same, redacting {@code settingsKeys} (the settings file's key values) beside the form's own. */
    public static PythonEngine create(SettingsForm form, Path folder, List<String> settingsKeys) {
        boolean remote = form.engine() == EngineKind.REMOTE;
        // the remote engine runs no local Python
        EngineConfig config = EngineConfig.of(remote ? PythonLocator.choose(form.python()) : PythonLocator.chooseReady(form.python()))
                .withWorkingDirectory(folder)
                .withSandbox(sandbox(form, settingsKeys));
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
        // Settings → Assistant → Output limit: what cells keep of printed output, from the next cell on
        studio.codeact.engine.OutputBound.setDefaultLimit(form.outputLimit());
        // Settings → Compute: the memory ceiling, and the Dask scheduler's port through the sandbox
        studio.codeact.gui.settings.ComputeSettings compute = form.compute();
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

    /** Settings → Sandbox over the defaults, with every key the app knows to redact. */
    static SandboxConfig sandbox(SettingsForm form, List<String> settingsKeys) {
        List<String> keys = new ArrayList<>(settingsKeys);
        keys.add(form.apiKey());
        keys.add(form.jupyter().token());
        return form.sandbox().applyTo(SandboxConfig.defaults()).withSecretValues(keys);
    }
}
