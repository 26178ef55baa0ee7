package studio.codeact.engine.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The sandbox part of the settings file, which the GUI writes (Settings → Sandbox) and the CLI
 * reads when no flag says otherwise ({@code --sandbox}, {@code --allow-network} win):
 * <pre>{@code "sandbox": {"enabled": true, "allowNetwork": false}}</pre>
 * A missing section or key means the default: on, no network.
 *
 * @param enabled      run model code in the sandbox
 * @param allowNetwork let model code use the network
 */
public record SandboxSettings(boolean enabled, boolean allowNetwork) {

    public static final String KEY = "sandbox";
    public static final SandboxSettings DEFAULTS = new SandboxSettings(true, false);

    /** The section of a settings file's root object; defaults for what is missing. */
    public static SandboxSettings fromJson(JsonNode root) {
        JsonNode section = root == null ? null : root.path(KEY);
        if (section == null || !section.isObject()) {
            return DEFAULTS;
        }
        return new SandboxSettings(section.path("enabled").asBoolean(DEFAULTS.enabled),
                section.path("allowNetwork").asBoolean(DEFAULTS.allowNetwork));
    }

    /** Writes the section into a settings file's root object (other keys stay). */
    public void writeTo(ObjectNode root) {
        ObjectNode section = root.get(KEY) instanceof ObjectNode existing ? existing : root.putObject(KEY);
        section.put("enabled", enabled);
        section.put("allowNetwork", allowNetwork);
    }

    /** {@code base} with this switch and network choice. */
    public SandboxConfig applyTo(SandboxConfig base) {
        return base.withEnabled(enabled).withNetwork(allowNetwork);
    }
}
