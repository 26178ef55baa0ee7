package studio.codeact.engine.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether this machine can enforce the sandbox, with what, and what it then guarantees: the
 * words the doctor prints, the status bar's tooltip, and the reason when it cannot.
 *
 * @param available   Landlock (ABI ≥ {@value #MINIMUM_ABI}) is there
 * @param mechanism   e.g. "Linux Landlock ABI 7 + seccomp"
 * @param abi         Landlock's ABI version (0: none)
 * @param reason      why it is unavailable (empty when available)
 */
public record SandboxStatus(boolean available, String mechanism, int abi, Optional<String> reason) {

    /** TCP bind/connect rules came with ABI 4 (Linux 6.7). */
    public static final int MINIMUM_ABI = 4;

    private static volatile SandboxStatus probed;

    /** This machine's status (probed once per process). */
    public static SandboxStatus probe() {
        SandboxStatus status = probed;
        if (status == null) {
            status = of(System.getProperty("os.name", ""), Landlock.abi());
            probed = status;
        }
        return status;
    }

    static SandboxStatus of(String os, int abi) {
        if (!os.startsWith("Linux")) {
            return new SandboxStatus(false, "none", 0, Optional.of("the sandbox needs Linux's Landlock; " + os + " has none"));
        }
        if (abi <= 0) {
            return new SandboxStatus(false, "none", 0, Optional.of("this Linux kernel has no Landlock (it needs Linux 6.7 or later"
                    + " with Landlock enabled)"));
        }
        if (abi < MINIMUM_ABI) {
            return new SandboxStatus(false, "Linux Landlock ABI " + abi, abi, Optional.of("this Linux kernel's Landlock (ABI " + abi
                    + ") cannot restrict network connections; the sandbox needs ABI " + MINIMUM_ABI + " (Linux 6.7 or later)"));
        }
        return new SandboxStatus(true, "Linux Landlock ABI " + abi + " + seccomp", abi, Optional.empty());
    }

    /** The guarantees as one line each (for the doctor and the status bar's tooltip). */
    public List<String> guarantees() {
        List<String> lines = new ArrayList<>();
        lines.add("secrets: hidden entries of your home (~/.ssh, ~/.aws, ~/.config …) and other users' homes are unreadable (Landlock)");
        lines.add("keys: API keys are removed from the interpreter's environment; key values in outputs become [redacted]");
        lines.add("writes: only in the session's work/ folder and a private temporary folder (Landlock); the session record is the app's");
        lines.add("network: no TCP connect or listen (Landlock), no UDP or raw sockets (seccomp), unless --allow-network");
        lines.add(abi >= 6 ? "processes: confined like the code, cannot signal the app or your other programs (Landlock scoping),"
                + " ended when the engine restarts or closes and when the app exits"
                : "processes: confined like the code and ended when the engine restarts or closes and when the app exits"
                + " (signal scoping needs Landlock ABI 6)");
        lines.add("no new privileges: setuid programs (sudo) cannot raise rights");
        return lines;
    }

    /** "sandbox on" or "sandbox unavailable: reason" (the status bar's words). */
    public String label(boolean enabled) {
        if (!available) {
            return "sandbox unavailable: " + reason.orElse("unknown");
        }
        return enabled ? "sandbox on" : "sandbox off";
    }
}
