package studio.codeact.engine.jupyter;

/**
 * How messages reach one kernel and come back: ZeroMQ sockets with HMAC-signed frames
 * ({@code engine.kernel}), or a Jupyter Server WebSocket (the server signs). The protocol core
 * builds and reads {@link JupyterMessage}s and never sees the wire.
 *
 * <p>Received messages go to the {@link KernelEvents} given to {@link KernelLauncher#launch}:
 * the transport calls {@link KernelEvents#onMessage} from its one reader thread, in the order
 * the messages arrived, and never verifies or signs on behalf of the core.
 */
public interface KernelTransport {

    /**
     * Sends a message on {@code channel} ({@link Channel#SHELL}, {@link Channel#CONTROL} or
     * {@link Channel#STDIN}); signing, framing and encoding are the transport's. Any thread;
     * never blocks for long. A message that cannot be sent is logged and dropped (the engine's
     * timeouts and the kernel's death reports cover what follows).
     */
    void send(Channel channel, JupyterMessage message);

    /** Closes the connection and ends the reader thread. Idempotent; any thread. */
    void close();
}
