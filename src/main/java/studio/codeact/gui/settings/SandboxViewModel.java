package studio.codeact.gui.settings;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import studio.codeact.engine.sandbox.SandboxSettings;
import studio.codeact.engine.sandbox.SandboxStatus;

/**
 * Settings → Sandbox: "Run model code in a sandbox" (on by default) and "Allow network access"
 * (off by default), and what this machine can enforce. A change applies when Python next starts
 * (Restart Python, a new session, the next launch); the running engine keeps its sandbox.
 */
public final class SandboxViewModel {

    /** What the dialog says about when a change applies. */
    public static final String APPLIES = "Changes apply when Python next starts (Cells → Restart Python, a new session, or the next launch);"
            + " the running Python keeps its sandbox until then.";

    private final SandboxStatus status;
    private final BooleanProperty enabled = new SimpleBooleanProperty(this, "enabled", SandboxSettings.DEFAULTS.enabled());
    private final BooleanProperty allowNetwork = new SimpleBooleanProperty(this, "allowNetwork", SandboxSettings.DEFAULTS.allowNetwork());
    private final StringBinding summary;

    public SandboxViewModel(SandboxStatus status) {
        this.status = status;
        this.summary = Bindings.createStringBinding(this::describe, enabled, allowNetwork);
    }

    // Properties

    /** "Run model code in a sandbox". */
    public BooleanProperty enabledProperty() { return enabled; }
    /** "Allow network access" (only meaningful with the sandbox on: without it code has the network anyway). */
    public BooleanProperty allowNetworkProperty() { return allowNetwork; }
    /** Whether this machine can enforce the sandbox at all. */
    public boolean available() { return status.available(); }
    /** One sentence: what model code may do with these choices on this machine. */
    public StringBinding summary() { return summary; }

    // Commands

    public void show(SandboxSettings settings) {
        enabled.set(settings.enabled());
        allowNetwork.set(settings.allowNetwork());
    }

    public SandboxSettings form() {
        return new SandboxSettings(enabled.get(), allowNetwork.get());
    }

    private String describe() {
        if (!enabled.get()) {
            return "Off: model code runs with your rights (your files, the network, your programs);"
                    + " \"Ask before running code\" is on unless you turn it off.";
        }
        if (!status.available()) {
            return "Unavailable here: " + status.reason().orElse("unknown") + ". Model code runs with your rights;"
                    + " \"Ask before running code\" is on unless you turn it off.";
        }
        return "On (" + status.mechanism() + "): model code reads no secrets, writes only in the session's work folder, "
                + (allowNetwork.get() ? "may use the network" : "has no network") + " and leaves no process behind;"
                + " code runs without asking.";
    }
}
