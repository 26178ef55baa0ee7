package studio.codeact.gui.settings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codeact.engine.sandbox.SandboxSettings;
import studio.codeact.engine.sandbox.SandboxStatus;
import studio.codeact.llm.settings.SettingsFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Settings → Sandbox: its defaults, its place in the settings file, and what it says. */
class SandboxSettingsTest {

    @TempDir
    Path folder;

    @Test
    void theSandboxIsOnWithoutNetworkUnlessTheFileSaysOtherwise() {
        FileSettingsStorage storage = new FileSettingsStorage(new SettingsFile(folder.resolve("settings.json")));
        assertThat(storage.load().sandbox()).isEqualTo(SandboxSettings.DEFAULTS);
        assertThat(SandboxSettings.DEFAULTS).isEqualTo(new SandboxSettings(true, false));
    }

    @Test
    void theSwitchAndTheNetworkChoiceAreStoredAndReadBack() throws Exception {
        SettingsFile file = new SettingsFile(folder.resolve("settings.json"));
        file.update(root -> root.put("laterSection", 5000)); // a key the form does not know stays
        FileSettingsStorage storage = new FileSettingsStorage(file);
        storage.save(SettingsForm.defaults().withSandbox(new SandboxSettings(false, true)));
        assertThat(Files.readString(file.path())).contains("\"sandbox\"").contains("\"enabled\" : false").contains("\"allowNetwork\" : true");
        assertThat(file.read().path("laterSection").asInt()).isEqualTo(5000);
        assertThat(storage.load().sandbox()).isEqualTo(new SandboxSettings(false, true));
    }

    @Test
    void theViewModelShowsAndReturnsTheChoices() {
        SandboxViewModel model = new SandboxViewModel(new SandboxStatus(true, "Linux Landlock ABI 7 + seccomp", 7, Optional.empty()));
        model.show(new SandboxSettings(true, true));
        assertThat(model.summary().get()).startsWith("On (Linux Landlock ABI 7 + seccomp)").contains("may use the network");
        model.enabledProperty().set(false);
        assertThat(model.form()).isEqualTo(new SandboxSettings(false, true));
        assertThat(model.summary().get()).startsWith("Off: model code runs with your rights")
                .contains("\"Ask before running code\" is on");
    }

    @Test
    void whereTheMachineCannotEnforceItTheSectionSaysWhy() {
        SandboxViewModel model = new SandboxViewModel(new SandboxStatus(false, "none", 0,
                Optional.of("the sandbox needs Linux's Landlock; Mac OS X has none")));
        model.show(SandboxSettings.DEFAULTS);
        assertThat(model.available()).isFalse();
        assertThat(model.summary().get()).startsWith("Unavailable here: the sandbox needs Linux's Landlock; Mac OS X has none.");
    }
}
