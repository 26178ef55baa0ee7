package studio.codeact.gui;

import studio.codeact.engine.EngineConfig;
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
        EngineConfig config = EngineConfig.of(PythonLocator.chooseReady(form.python())).withWorkingDirectory(folder)
                .withSandbox(studio.codeact.engine.sandbox.SandboxConfig.defaults()
                        .withSecretValues(form.apiKey() == null ? java.util.List.of() : java.util.List.of(form.apiKey())));
        if (!form.kernelSpec().isBlank()) {
            config = config.withKernelSpec(form.kernelSpec());
        }
        return Engines.create(form.engine(), config);
    }
}
