package studio.codeact.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import studio.codeact.engine.sandbox.SandboxConfig;
import studio.codeact.engine.sandbox.SandboxSettings;
import studio.codeact.llm.settings.SettingsFile;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The settings file's "sandbox" section (Settings → Sandbox in the window) applies to the CLI unless a flag says otherwise. */
class SandboxOptionsTest {

    @TempDir
    Path folder;

    private SandboxConfig config(SandboxSettings saved, String... flags) {
        Path file = folder.resolve("settings.json");
        SettingsFile settings = new SettingsFile(file);
        settings.update(root -> {
            root.put("apiKey", "sk-sentinel-cli-settings-3e1f");
            if (saved != null) {
                saved.writeTo(root);
            }
        });
        SandboxOptions options = new SandboxOptions();
        new CommandLine(options).parseArgs(flags);
        return options.config(null, null, List.of(), file);
    }

    @Test
    void withoutFlagOrSectionTheSandboxIsOnWithoutNetwork() {
        SandboxConfig config = config(null);
        assertThat(config.enabled()).isTrue();
        assertThat(config.allowNetwork()).isFalse();
        assertThat(config.secretValues()).contains("sk-sentinel-cli-settings-3e1f");
    }

    @Test
    void theSettingsFileDecidesWhenNoFlagIsGiven() {
        SandboxConfig config = config(new SandboxSettings(false, true));
        assertThat(config.enabled()).isFalse();
        assertThat(config.allowNetwork()).isTrue();
    }

    @Test
    void aFlagWinsOverTheSettingsFile() {
        SandboxConfig on = config(new SandboxSettings(false, true), "--sandbox", "on", "--no-allow-network");
        assertThat(on.enabled()).isTrue();
        assertThat(on.allowNetwork()).isFalse();
        SandboxConfig networked = config(new SandboxSettings(true, false), "--allow-network");
        assertThat(networked.allowNetwork()).isTrue();
    }

    @Test
    void theWarningNamesWhereTheSwitchWasTurnedOff() {
        SandboxOptions options = new SandboxOptions();
        Path file = folder.resolve("settings.json");
        new SettingsFile(file).update(root -> new SandboxSettings(false, false).writeTo(root));
        SandboxConfig config = options.config(null, null, List.of(), file);
        StringWriter err = new StringWriter();
        options.warnIfUnconfined(new PrintWriter(err, true), config);
        assertThat(err.toString()).contains("the sandbox is off (\"sandbox\" in " + file + ")");
    }

    @Test
    void aBadValueSaysWhatToType() {
        assertThatThrownBy(() -> config(null, "--sandbox", "maybe")).hasMessageContaining("--sandbox takes on or off");
    }
}
