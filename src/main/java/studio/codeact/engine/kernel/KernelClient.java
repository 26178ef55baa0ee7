package studio.codeact.engine.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * A client of one kernel's five channels ({@code jupyter_client/client.py}): one method per
 * request, each returning the message it sent so the caller can match replies by
 * {@code parent_header.msg_id}. Every method is safe to call from any thread; sockets live on
 * the client's IO thread ({@link SocketLoop}).
 *
 * <p>Replies and broadcasts reach the {@link Handler} on the delivery executor given to
 * {@link #connect}, in the order they arrived on each channel.
 */
public final class KernelClient implements AutoCloseable {

    /** Receives what the kernel sends. Thread: the delivery executor given to {@link #connect}. */
    public interface Handler {

        void onMessage(Channel channel, JupyterMessage message);

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

    /** Opens the channels (they connect in the background; ZeroMQ retries until the kernel listens). */
    public static KernelClient connect(ConnectionInfo info, Executor delivery, Handler handler) throws IOException {
        JupyterSession session = new JupyterSession(info.key(), System.getProperty("user.name", "codeact"));
        SocketLoop loop = new SocketLoop(info, session, delivery, handler);
        loop.start();
        return new KernelClient(session, loop);
    }

    public JupyterSession session() {
        return session;
    }

    /**
     * Sends an {@code execute_request}.
     *
     * @param silent          no outputs, no execution count
     * @param storeHistory    count the cell and keep it in {@code In}/{@code Out}
     * @param userExpressions name to Python expression, evaluated after the code; results come in the reply
     * @param allowStdin      whether the kernel may send {@code input_request}s for this cell
     */
    public JupyterMessage execute(String code, boolean silent, boolean storeHistory, Map<String, String> userExpressions,
                                  boolean allowStdin) {
        ObjectNode content = session.json().createObjectNode();
        content.put("code", code);
        content.put("silent", silent);
        content.put("store_history", storeHistory);
        ObjectNode expressions = content.putObject("user_expressions");
        userExpressions.forEach(expressions::put);
        content.put("allow_stdin", allowStdin);
        // we send one cell at a time, so the kernel never has a queue worth aborting
        content.put("stop_on_error", false);
        return send(Channel.SHELL, "execute_request", content, null);
    }

    public JupyterMessage kernelInfo() {
        return send(Channel.SHELL, "kernel_info_request", session.json().createObjectNode(), null);
    }

    /** @param cursorPos the cursor as an offset in Unicode code points (protocol 5.2+) */
    public JupyterMessage complete(String code, int cursorPos) {
        ObjectNode content = session.json().createObjectNode();
        content.put("code", code);
        content.put("cursor_pos", cursorPos);
        return send(Channel.SHELL, "complete_request", content, null);
    }

    /** @param cursorPos the cursor in code points; @param detailLevel 0 or 1 (1 adds source) */
    public JupyterMessage inspect(String code, int cursorPos, int detailLevel) {
        ObjectNode content = session.json().createObjectNode();
        content.put("code", code);
        content.put("cursor_pos", cursorPos);
        content.put("detail_level", detailLevel);
        return send(Channel.SHELL, "inspect_request", content, null);
    }

    /** {@code interrupt_request} on control, for kernels whose {@code interrupt_mode} is {@code message}. */
    public JupyterMessage interrupt() {
        return send(Channel.CONTROL, "interrupt_request", session.json().createObjectNode(), null);
    }

    public JupyterMessage shutdown(boolean restart) {
        ObjectNode content = session.json().createObjectNode();
        content.put("restart", restart);
        return send(Channel.CONTROL, "shutdown_request", content, null);
    }

    /** Answers an {@code input_request}; {@code "\u0004"} makes the kernel raise {@code EOFError}. */
    public JupyterMessage inputReply(String value, JupyterMessage request) {
        ObjectNode content = session.json().createObjectNode();
        content.put("value", value);
        return send(Channel.STDIN, "input_reply", content, request.header());
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
    public void send(Channel channel, JupyterMessage message) {
        loop.send(channel, session.serialize(message));
    }

    private JupyterMessage send(Channel channel, String type, ObjectNode content, JsonNode parent) {
        JupyterMessage message = session.message(type, content, parent);
        send(channel, message);
        return message;
    }

    /** Closes the sockets and stops the IO thread. Idempotent. */
    @Override
    public void close() {
        loop.close();
    }
}
