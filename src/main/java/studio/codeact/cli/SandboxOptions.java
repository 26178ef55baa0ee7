package studio.codeact.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Option;
import studio.codeact.engine.sandbox.SandboxConfig;
import studio.codeact.engine.sandbox.SandboxStatus;
import studio.codeact.llm.settings.SettingsFile;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code --sandbox on|off} and {@code --allow-network}, shared by {@code ask}, {@code replay} and {@code bench}. */
public final class SandboxOptions {

    @Option(names = "--sandbox", paramLabel = "on|off", defaultValue = "on",
            description = "Confine model code: no secrets, writes only in the work folder, no network, no stray processes (default: ${DEFAULT-VALUE}).")
    String sandbox = "on";

    @Option(names = "--allow-network", description = "Let model code use the network (pip install, downloads, databases); off by default.")
    boolean allowNetwork;

    /**
     * The sandbox for this run: key variables named by {@code apiKeyEnv} are kept out of the
     * interpreter; the key in use and the settings file's keys are redacted; {@code data} is readable.
     *
     * @throws IllegalArgumentException for a value of {@code --sandbox} other than on or off
     */
    SandboxConfig config(String apiKeyEnv, String apiKey, List<Path> data, Path settings) {
        boolean on = switch (sandbox.toLowerCase(Locale.ROOT)) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException("--sandbox takes on or off, not '" + sandbox + "'");
        };
        List<String> keys = new ArrayList<>(settingsKeys(settings == null ? SettingsFile.standard() : new SettingsFile(settings)));
        if (apiKey != null) {
            keys.add(apiKey);
        }
        return SandboxConfig.defaults().withEnabled(on).withNetwork(allowNetwork).withSecretVariable(apiKeyEnv)
                .withSecretValues(keys).withReadable(data);
    }

    /** Says on stderr when model code will run unconfined, and why. */
    void warnIfUnconfined(PrintWriter stderr, SandboxConfig config) {
        SandboxStatus status = SandboxStatus.probe();
        if (!config.enabled()) {
            stderr.println("codeact: the sandbox is off (--sandbox off): model code runs with your rights; --confirm asks before each action");
        } else if (!status.available()) {
            stderr.println("codeact: " + status.label(true) + "; model code runs with your rights; --confirm asks before each action");
        }
    }

    /** Every text value of a field whose name mentions a key, anywhere in the settings file. */
    static List<String> settingsKeys(SettingsFile file) {
        List<String> keys = new ArrayList<>();
        try {
            collect(file.read(), keys);
        } catch (RuntimeException e) {
            // an unreadable settings file has no keys to redact
        }
        return keys;
    }

    private static void collect(JsonNode node, List<String> keys) {
        node.properties().forEach(entry -> {
            String name = entry.getKey().toLowerCase(Locale.ROOT);
            JsonNode value = entry.getValue();
            if (value.isTextual() && (name.contains("key") || name.contains("token") || name.contains("secret"))) {
                keys.add(value.asText());
            } else if (value.isContainerNode()) {
                collect(value, keys);
            }
        });
        if (node.isArray()) {
            node.forEach(item -> collect(item, keys));
        }
    }
}
