package studio.codeact.gui.shell;

import org.junit.jupiter.api.Test;
import studio.codeact.engine.EngineKind;
import studio.codeact.engine.sandbox.SandboxSettings;
import studio.codeact.engine.sandbox.SandboxStatus;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What the window says about the sandbox, on machines that have it and on those that do not. */
class SandboxStateTest {

    static final SandboxStatus LANDLOCK = new SandboxStatus(true, "Linux Landlock ABI 7 + seccomp", 7, Optional.empty());
    static final SandboxStatus MAC = new SandboxStatus(false, "none", 0, Optional.of("the sandbox needs Linux's Landlock; Mac OS X has none"));

    @Test
    void onAMachineWithLandlockTheSandboxConfinesLocalEngines() {
        SandboxState on = new SandboxState(SandboxSettings.DEFAULTS, EngineKind.EMBEDDED, LANDLOCK);
        assertThat(on.active()).isTrue();
        assertThat(on.label()).isEqualTo("sandbox on");
        assertThat(on.whyUnconfined()).isEmpty();
        assertThat(on.tooltip()).startsWith("Model code runs in a sandbox (Linux Landlock ABI 7 + seccomp)");
        assertThat(new SandboxState(new SandboxSettings(true, true), EngineKind.KERNEL, LANDLOCK).label()).isEqualTo("sandbox on, network allowed");
    }

    @Test
    void whereItIsUnavailableTheReasonIsGiven() {
        SandboxState mac = new SandboxState(SandboxSettings.DEFAULTS, EngineKind.EMBEDDED, MAC);
        assertThat(mac.active()).isFalse();
        assertThat(mac.label()).isEqualTo("sandbox unavailable: the sandbox needs Linux's Landlock; Mac OS X has none");
        assertThat(mac.whyUnconfinedShort()).isEqualTo("the sandbox is unavailable");
        assertThat(mac.tooltip()).isEqualTo("Model code runs with your rights because the sandbox is unavailable:"
                + " the sandbox needs Linux's Landlock; Mac OS X has none.");
    }

    @Test
    void switchedOffOrRemoteCodeIsNotConfined() {
        SandboxState off = new SandboxState(new SandboxSettings(false, false), EngineKind.EMBEDDED, LANDLOCK);
        assertThat(off.active()).isFalse();
        assertThat(off.label()).isEqualTo("sandbox off");
        assertThat(off.whyUnconfined()).isEqualTo("the sandbox is off (Settings → Sandbox)");
        SandboxState remote = new SandboxState(SandboxSettings.DEFAULTS, EngineKind.REMOTE, LANDLOCK);
        assertThat(remote.active()).isFalse();
        assertThat(remote.whyUnconfinedShort()).isEqualTo("code runs on the Jupyter server");
    }
}
