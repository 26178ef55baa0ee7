package studio.codeact.engine.jupyter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds the messages a client sends (the message half of {@code jupyter_client/session.py}):
 * a header with a fresh {@code msg_id}, this factory's session id and the protocol version,
 * and one method per request the engines send. Stateless past its session id; any thread.
 */
public final class MessageFactory {

    public static final String PROTOCOL_VERSION = "5.3";
    /** What {@code input()} gets when nobody answers: ipykernel raises EOFError for it. */
    public static final String END_OF_INPUT = "\u0004";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'");

    private final ObjectMapper json = Json.mapper();
    private final String sessionId = UUID.randomUUID().toString();
    private final String username;

    public MessageFactory(String username) {
        this.username = username;
    }

    /** A factory named for the user running the app. */
    public static MessageFactory forCurrentUser() {
        return new MessageFactory(System.getProperty("user.name", "codeact"));
    }

    public String sessionId() {
        return sessionId;
    }

    public ObjectMapper json() {
        return json;
    }

    /** A new message of {@code type} with {@code content}, answering {@code parent} (a header, or nothing when null). */
    public JupyterMessage message(String type, ObjectNode content, JsonNode parent) {
        ObjectNode header = json.createObjectNode();
        header.put("msg_id", UUID.randomUUID().toString());
        header.put("msg_type", type);
        header.put("session", sessionId);
        header.put("username", username);
        header.put("date", DATE.format(ZonedDateTime.now(ZoneOffset.UTC)));
        header.put("version", PROTOCOL_VERSION);
        return new JupyterMessage(List.of(), header, parent == null ? json.createObjectNode() : parent,
                json.createObjectNode(), content, List.of());
    }

    /**
     * An {@code execute_request} (shell).
     *
     * @param silent          no outputs, no execution count
     * @param storeHistory    count the cell and keep it in {@code In}/{@code Out}
     * @param userExpressions name to Python expression, evaluated after the code; results come in the reply
     * @param allowStdin      whether the kernel may send {@code input_request}s for this cell
     */
    public JupyterMessage execute(String code, boolean silent, boolean storeHistory, Map<String, String> userExpressions,
                                  boolean allowStdin) {
        ObjectNode content = json.createObjectNode();
        content.put("code", code);
        content.put("silent", silent);
        content.put("store_history", storeHistory);
        ObjectNode expressions = content.putObject("user_expressions");
        userExpressions.forEach(expressions::put);
        content.put("allow_stdin", allowStdin);
        // one cell at a time is sent, so the kernel never has a queue worth aborting
        content.put("stop_on_error", false);
        return message("execute_request", content, null);
    }

    /** A {@code kernel_info_request} (shell). */
    public JupyterMessage kernelInfo() {
        return message("kernel_info_request", json.createObjectNode(), null);
    }

    /** A {@code complete_request} (shell); {@code cursorPos} counts Unicode code points (protocol 5.2+). */
    public JupyterMessage complete(String code, int cursorPos) {
        ObjectNode content = json.createObjectNode();
        content.put("code", code);
        content.put("cursor_pos", cursorPos);
        return message("complete_request", content, null);
    }

    /** An {@code inspect_request} (shell); {@code cursorPos} in code points, {@code detailLevel} 0 or 1 (1 adds source). */
    public JupyterMessage inspect(String code, int cursorPos, int detailLevel) {
        ObjectNode content = json.createObjectNode();
        content.put("code", code);
        content.put("cursor_pos", cursorPos);
        content.put("detail_level", detailLevel);
        return message("inspect_request", content, null);
    }

    /** An {@code interrupt_request} (control), for kernels whose {@code interrupt_mode} is {@code message}. */
    public JupyterMessage interrupt() {
        return message("interrupt_request", json.createObjectNode(), null);
    }

    /** A {@code shutdown_request} (control). */
    public JupyterMessage shutdown(boolean restart) {
        ObjectNode content = json.createObjectNode();
        content.put("restart", restart);
        return message("shutdown_request", content, null);
    }

    /** An {@code input_reply} (stdin) to {@code request}; {@link #END_OF_INPUT} makes the kernel raise EOFError. */
    public JupyterMessage inputReply(String value, JupyterMessage request) {
        ObjectNode content = json.createObjectNode();
        content.put("value", value);
        return message("input_reply", content, request.header());
    }
}
