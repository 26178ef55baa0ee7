package studio.codeact.gui.shell;

import studio.codeact.engine.EngineKind;
import studio.codeact.engine.sandbox.SandboxSettings;
import studio.codeact.engine.sandbox.SandboxStatus;

/**
 * Whether model code is confined, as the window shows it: Settings → Sandbox, the engine kind (the
 * sandbox confines local engines; remote code runs on the Jupyter server) and what this machine can
 * enforce. Decides the status bar's words and the default of "Ask before running code".
 */
record SandboxState(SandboxSettings settings, EngineKind engine, SandboxStatus status) {

    static SandboxState of(SandboxSettings settings, EngineKind engine) {
        return new SandboxState(settings, engine, SandboxStatus.probe());
    }

    /** Model code runs confined. */
    boolean active() {
        return engine != EngineKind.REMOTE && settings.enabled() && status.available();
    }

    /** Why code is not confined, completing "because …"; empty when it is. */
    String whyUnconfined() {
        if (engine == EngineKind.REMOTE) {
            return "code runs on the Jupyter server, outside the sandbox";
        }
        if (!settings.enabled()) {
            return "the sandbox is off (Settings → Sandbox)";
        }
        if (!status.available()) {
            return "the sandbox is unavailable: " + status.reason().orElse("unknown");
        }
        return "";
    }

    /** The same in a few words, for the line beside the toggle: "the sandbox is off" … ; empty when confined. */
    String whyUnconfinedShort() {
        if (engine == EngineKind.REMOTE) {
            return "code runs on the Jupyter server";
        }
        if (!settings.enabled()) {
            return "the sandbox is off";
        }
        return status.available() ? "" : "the sandbox is unavailable";
    }

    /** The status bar's words: "sandbox on", "sandbox off", "sandbox unavailable: reason" … */
    String label() {
        if (engine == EngineKind.REMOTE) {
            return "sandbox: not used (Jupyter server)";
        }
        if (!settings.enabled()) {
            return "sandbox off";
        }
        String label = status.label(true);
        return active() && settings.allowNetwork() ? label + ", network allowed" : label;
    }

    /** The status bar's tooltip: what is enforced, or why nothing is. */
    String tooltip() {
        if (active()) {
            return "Model code runs in a sandbox (" + status.mechanism() + "):\n• " + String.join("\n• ", status.guarantees())
                    + (settings.allowNetwork() ? "\nNetwork access is allowed (Settings → Sandbox)." : "");
        }
        return "Model code runs with your rights because " + whyUnconfined() + ".";
    }
}
