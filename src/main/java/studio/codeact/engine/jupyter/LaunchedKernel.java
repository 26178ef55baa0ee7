package studio.codeact.engine.jupyter;

import java.time.Duration;
import java.util.Map;

/**
 * One started kernel as the protocol core sees it: a transport and control over its life.
 * What happens on the wire and to the process (or the server's kernel) is the implementation's.
 *
 * <p>Threads: {@link #interrupt()} and {@link #ready()} are called on the engine's event
 * thread and must return quickly; {@link #stop} and {@link #kill} block and are called on other
 * threads; the rest may be called from any thread.
 */
public interface LaunchedKernel {

    KernelTransport transport();

    /** The kernel answered and is ready: start watching it (heartbeats, say). Called once. */
    default void ready() {
    }

    /** Interrupts the running cell: SIGINT, an {@code interrupt_request} on control, or the server's interrupt call. */
    void interrupt();

    /** Whether the kernel still runs. */
    boolean isAlive();

    /**
     * Stops the kernel: asks it to shut down and gives it up to {@code grace} to go by itself
     * (no asking when zero), then forces it; closes the transport and frees what the launch
     * made (files, server sessions). Blocks. Idempotent: the engine also calls it with zero
     * grace after {@link KernelEvents#onExit()} to free what is left.
     */
    void stop(Duration grace);

    /** Forces the kernel down after it was lost; {@link KernelEvents#onExit()} must follow. Blocks. */
    void kill();

    /** How the kernel ended, to follow "the kernel ": "exited with code 1", "was killed by signal 9 (SIGKILL)". */
    String describeExit();

    /** Where to look when it failed to start, as a sentence: "its log /tmp/k.log ends with: …". */
    String describeLog();

    /** Facts for {@code EngineInfo.details()} (files, pid, command, where it runs); the core adds the kernel's own. */
    Map<String, String> details();
}
