package studio.codeact.engine.jupyter;

/**
 * What a launched kernel reports to the protocol core. The core hands one of these to
 * {@link KernelLauncher#launch}; the transport and the lifecycle call it.
 *
 * <p>Threads: any thread may call these methods; {@link #onMessage} must be called from one
 * thread at a time, in the order the messages arrived (the transport's reader thread). The core
 * never runs its own logic on the caller's thread: each call is queued onto the engine's event
 * thread ({@code codeact-<kind>-events}), in call order, and returns at once.
 */
public interface KernelEvents {

    /** A message from the kernel on {@code channel}. */
    void onMessage(Channel channel, JupyterMessage message);

    /**
     * The kernel can no longer be reached though it may still run (missed heartbeats, a broken
     * connection). The engine answers with {@link LaunchedKernel#kill()}, after which
     * {@link #onExit} must follow.
     */
    void onLost(String reason);

    /**
     * The kernel is gone (its process exited, the server reports it dead, or it was killed).
     * Call it after every message the kernel sent before was passed to {@link #onMessage}.
     * Once is enough; later calls are ignored.
     */
    void onExit();
}
