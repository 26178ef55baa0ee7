package studio.codeact.cli;

import picocli.CommandLine.Option;
import studio.codeact.engine.sandbox.SandboxConfig;
import studio.codeact.engine.sandbox.SandboxSettings;
import studio.codeact.engine.sandbox.SandboxStatus;
import studio.codeact.llm.settings.SettingsFile;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code --sandbox on|off} and {@code --allow-network}, shared by {@code ask}, {@code replay} and
 * {@code bench}. Without a flag, the settings file's {@code "sandbox"} section decides (what
 * Settings → Sandbox in the window wrote, {@link SandboxSettings}); without that, on and no network.
 */
public final class SandboxOptions {

    @Option(names = "--sandbox", paramLabel = "on|off",
            description = "Confine model code: no secrets, writes only in the work folder, no network, no stray processes"
                    + " (default: the settings file's \"sandbox\", else on).")
    String sandbox;

    @Option(names = "--allow-network", negatable = true,
            description = "Let model code use the network (pip install, downloads, databases); off by default"
                    + " (--no-allow-network overrides the settings file).")
    Boolean allowNetwork;

    /** Where the switch came from, for the warning: "--sandbox off" or the settings file. */
    private String offBy = "--sandbox off";

    /**
     * The sandbox for this run: key variables named by {@code apiKeyEnv} are kept out of the
     * interpreter; the key in use and the settings file's keys are redacted; {@code data} is readable.
     * A flag wins over the settings file.
     *
     * @throws IllegalArgumentException for a value of {@code --sandbox} other than on or off
     */
    SandboxConfig config(String apiKeyEnv, String apiKey, List<Path> data, Path settings) {
        SettingsFile file = settings == null ? SettingsFile.standard() : new SettingsFile(settings);
        SandboxSettings saved = savedSettings(file);
        boolean on;
        if (sandbox == null) {
            on = saved.enabled();
            offBy = "\"sandbox\" in " + file.path();
        } else {
            on = switch (sandbox.toLowerCase(Locale.ROOT)) {
                case "on" -> true;
                case "off" -> false;
                default -> throw new IllegalArgumentException("--sandbox takes on or off, not '" + sandbox + "'");
            };
        }
        boolean network = allowNetwork != null ? allowNetwork : saved.allowNetwork();
        List<String> keys = new ArrayList<>(settingsKeys(file));
        if (apiKey != null) {
            keys.add(apiKey);
        }
        return SandboxConfig.defaults().withEnabled(on).withNetwork(network).withSecretVariable(apiKeyEnv)
                .withSecretValues(keys).withReadable(data);
    }

    /** The settings file's sandbox section; an unreadable file is reported where the model settings are read, so here it means the defaults. */
    private static SandboxSettings savedSettings(SettingsFile file) {
        try {
            return SandboxSettings.fromJson(file.read());
        } catch (RuntimeException unreadable) {
            return SandboxSettings.DEFAULTS;
        }
    }

    /** Says on stderr when model code will run unconfined, and why. */
    void warnIfUnconfined(PrintWriter stderr, SandboxConfig config) {
        SandboxStatus status = SandboxStatus.probe();
        if (!config.enabled()) {
            stderr.println("codeact: the sandbox is off (" + offBy + "): model code runs with your rights; --confirm asks before each action");
        } else if (!status.available()) {
            stderr.println("codeact: " + status.label(true) + "; model code runs with your rights; --confirm asks before each action");
        }
    }

    /** Every key value in the settings file ({@link SettingsFile#keyValues()}). */
    static List<String> settingsKeys(SettingsFile file) {
        return file.keyValues();
    }
}
