package studio.codeact.engine.kernel;

import studio.codeact.engine.jupyter.Channel;
import studio.codeact.engine.jupyter.IopubBacklog;
import studio.codeact.engine.jupyter.JupyterMessage;
import studio.codeact.engine.jupyter.KernelTransport;
import studio.codeact.engine.jupyter.MessageFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * A client of one kernel's five ZeroMQ channels ({@code jupyter_client/client.py}) and the
 * {@link KernelTransport} of the kernel engine: one method per request, each returning the
 * message it sent so the caller can match replies by {@code parent_header.msg_id}. Every method
 * is safe to call from any thread; sockets live on the client's IO thread ({@link SocketLoop}),
 * and messages are signed there with the connection's key.
 *
 * <p>Replies and broadcasts reach the {@link Handler} on the delivery executor given to
 * {@link #connect}, in the order they arrived on each channel.
 */
public final class KernelClient implements KernelTransport, AutoCloseable {

    /** Receives what the kernel sends. Thread: the delivery executor given to {@link #connect}. */
    public interface Handler {

        /** A message on {@code channel}, {@code wireBytes} long in its frames. */
        void onMessage(Channel channel, JupyterMessage message, long wireBytes);

        /** {@code missed} heartbeats in a row went unanswered (reported once per silence). */
        default void onHeartbeatLost(int missed) {
        }

        /** The IO thread failed; nothing more will be sent or received. */
        default void onFailure(Throwable error) {
        }
    }

    private final JupyterSession session;
    private final SocketLoop loop;

    private KernelClient(JupyterSession session, SocketLoop loop) {
        this.session = session;
        this.loop = loop;
    }

    /**
     * Opens the channels (they connect in the background; ZeroMQ retries until the kernel listens).
     * Iopub is left unread while {@code backlog} is full: the handler's consumer adds what it is
     * handed and releases what it has handled.
     */
    public static KernelClient connect(ConnectionInfo info, Executor delivery, IopubBacklog backlog, Handler handler) throws IOException {
        JupyterSession session = new JupyterSession(info.key(), System.getProperty("user.name", "codeact"));
        SocketLoop loop = new SocketLoop(info, session, delivery, backlog, handler);
        loop.start();
        return new KernelClient(session, loop);
    }

    public JupyterSession session() {
        return session;
    }

    /** Sends an {@code execute_request}; see {@link MessageFactory#execute}. */
    public JupyterMessage execute(String code, boolean silent, boolean storeHistory, Map<String, String> userExpressions,
                                  boolean allowStdin) {
        return sendAndReturn(Channel.SHELL, session.messages().execute(code, silent, storeHistory, userExpressions, allowStdin));
    }

    public JupyterMessage kernelInfo() {
        return sendAndReturn(Channel.SHELL, session.messages().kernelInfo());
    }

    /** @param cursorPos the cursor as an offset in Unicode code points (protocol 5.2+) */
    public JupyterMessage complete(String code, int cursorPos) {
        return sendAndReturn(Channel.SHELL, session.messages().complete(code, cursorPos));
    }

    /** @param cursorPos the cursor in code points; @param detailLevel 0 or 1 (1 adds source) */
    public JupyterMessage inspect(String code, int cursorPos, int detailLevel) {
        return sendAndReturn(Channel.SHELL, session.messages().inspect(code, cursorPos, detailLevel));
    }

    /** {@code interrupt_request} on control, for kernels whose {@code interrupt_mode} is {@code message}. */
    public JupyterMessage interrupt() {
        return sendAndReturn(Channel.CONTROL, session.messages().interrupt());
    }

    public JupyterMessage shutdown(boolean restart) {
        return sendAndReturn(Channel.CONTROL, session.messages().shutdown(restart));
    }

    /** Answers an {@code input_request}; {@link MessageFactory#END_OF_INPUT} makes the kernel raise {@code EOFError}. */
    public JupyterMessage inputReply(String value, JupyterMessage request) {
        return sendAndReturn(Channel.STDIN, session.messages().inputReply(value, request));
    }

    /** Pings the heartbeat channel every {@code interval}; reports {@code maxMissed} silent pings in a row. */
    public void startHeartbeat(Duration interval, int maxMissed) {
        loop.startHeartbeat(interval, maxMissed);
    }

    /** Takes in whatever the kernel already sent, then runs {@code then} on the delivery executor after it. */
    public void flush(Runnable then) {
        loop.flush(then);
    }

    /** Sends an already built message (signed here) on a channel. */
    @Override
    public void send(Channel channel, JupyterMessage message) {
        loop.send(channel, session.serialize(message));
    }

    private JupyterMessage sendAndReturn(Channel channel, JupyterMessage message) {
        send(channel, message);
        return message;
    }

    /** Closes the sockets and stops the IO thread. Idempotent. */
    @Override
    public void close() {
        loop.close();
    }
}
