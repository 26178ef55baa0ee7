package studio.codeact.gui;

import studio.codeact.engine.EngineConfig;
import studio.codeact.engine.Engines;
import studio.codeact.engine.PythonEngine;
import studio.codeact.engine.PythonLocator;
import studio.codeact.gui.settings.SettingsForm;

import java.nio.file.Path;
import java.util.function.Function;

/** Makes the engine the settings ask for (embedded by default), running in the session's working folder. */
public final class EngineFactory {

    private EngineFactory() {
    }

    /** An engine maker for {@code folder}: each call reads the kind, interpreter and kernelspec from the settings it is given. */
    public static Function<SettingsForm, PythonEngine> inFolder(Path folder) {
        return form -> {
            EngineConfig config = EngineConfig.of(PythonLocator.choose(form.python())).withWorkingDirectory(folder);
            if (!form.kernelSpec().isBlank()) {
                config = config.withKernelSpec(form.kernelSpec());
            }
            return Engines.create(form.engine(), config);
        };
    }
}
