package studio.codeact.cli;

import sun.misc.Signal;

/**
 * The guard's signals: Ctrl+C reaches the whole foreground process group, so the guard ignores
 * SIGINT and lets the application process cancel and save its session; SIGTERM and SIGHUP are
 * passed on to the application process (which saves its session too) while the guard keeps
 * waiting for its verdict.
 */
final class GuardSignals {

    private GuardSignals() {
    }

    static void install(Process child) {
        handle("INT", signal -> {
            // the application process got it too; it decides what happens
        });
        handle("TERM", signal -> child.destroy());
        handle("HUP", signal -> child.destroy());
    }

    private static void handle(String name, sun.misc.SignalHandler handler) {
        try {
            Signal.handle(new Signal(name), handler);
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // the JVM reserves this signal here (-Xrs): keep its default
        }
    }
}
