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

    /**
     * A message from the kernel on {@code channel}, {@code wireBytes} long as it arrived (0 for a
     * message made on this side). Iopub messages count in {@link #iopubBacklog()} until handled.
     */
    void onMessage(Channel channel, JupyterMessage message, long wireBytes);

    /**
     * The iopub messages passed to {@link #onMessage} and not yet handled. The transport's
     * reader leaves iopub unread while it is {@link IopubBacklog#full() full} (or, where it cannot
     * leave a message unread, waits briefly for it to drain), so that a flood of output waits in
     * the kernel, not in the app's memory.
     */
    IopubBacklog iopubBacklog();

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
