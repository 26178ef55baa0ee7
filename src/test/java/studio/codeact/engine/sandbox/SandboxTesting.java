package studio.codeact.engine.sandbox;

import org.junit.jupiter.api.Assumptions;

/** The one reason a sandbox test may skip: a kernel without Landlock (said out loud). */
final class SandboxTesting {

    private SandboxTesting() {
    }

    static void requireLandlock() {
        SandboxStatus status = SandboxStatus.probe();
        if (!status.available()) {
            System.err.println("SKIPPING sandbox test: " + status.reason().orElse("no Landlock"));
        }
        Assumptions.assumeTrue(status.available(), () -> "sandbox unavailable: " + status.reason().orElse("no Landlock"));
    }
}
