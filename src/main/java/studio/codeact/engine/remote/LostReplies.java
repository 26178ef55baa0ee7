package studio.codeact.engine.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import studio.codeact.engine.jupyter.Channel;
import studio.codeact.engine.jupyter.JupyterMessage;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The end of a cell lost with a dropped link. The server keeps what the kernel sends after it
 * notices a drop, but what was already on its way over the dead link is gone; when that was a
 * cell's {@code execute_reply} or its closing {@code status: idle}, the cell would wait forever.
 * This keeps the execute requests whose end has not arrived; after a reconnect, when the server
 * says the kernel is idle, {@link #closing()} makes the missing messages, saying the output was
 * cut, so the cell ends as an error the user and the model can read. Thread-safe.
 */
final class LostReplies {

    private record Open(JsonNode header, boolean replied, boolean idle) { }

    private final Map<String, Open> open = new LinkedHashMap<>();

    synchronized void sent(Channel channel, JupyterMessage message) {
        if (channel == Channel.SHELL && message.msgType().equals("execute_request")) {
            open.put(message.msgId(), new Open(message.header(), false, false));
        }
    }

    synchronized void received(JupyterMessage message) {
        Open request = open.get(message.parentMsgId());
        if (request == null) {
            return;
        }
        boolean replied = request.replied() || message.msgType().equals("execute_reply");
        boolean idle = request.idle() || (message.msgType().equals("status") && "idle".equals(message.content().path("execution_state").asText()));
        if (replied && idle) {
            open.remove(message.parentMsgId());
        } else {
            open.put(message.parentMsgId(), new Open(request.header(), replied, idle));
        }
    }

    synchronized boolean any() {
        return !open.isEmpty();
    }

    /** The messages that end every open request (the error output, an error reply and the idle status), in order; forgets them. */
    synchronized List<Map.Entry<Channel, JupyterMessage>> closing() {
        List<Map.Entry<Channel, JupyterMessage>> out = new ArrayList<>();
        for (Open request : open.values()) {
            if (!request.replied()) {
                String evalue = "the connection to the Jupyter server dropped while this cell ran; the kernel finished it, "
                        + "but its last outputs were lost on the way";
                ObjectNode error = RemoteJson.mapper().createObjectNode();
                error.put("ename", "ConnectionError");
                error.put("evalue", evalue);
                error.putArray("traceback").add("ConnectionError: " + evalue);
                out.add(Map.entry(Channel.IOPUB, message("error", request.header(), error))); // the cell's output says why
                ObjectNode content = error.deepCopy();
                content.put("status", "error");
                content.put("execution_count", 0);
                out.add(Map.entry(Channel.SHELL, message("execute_reply", request.header(), content)));
            }
            if (!request.idle()) {
                ObjectNode content = RemoteJson.mapper().createObjectNode();
                content.put("execution_state", "idle");
                out.add(Map.entry(Channel.IOPUB, message("status", request.header(), content)));
            }
        }
        open.clear();
        return out;
    }

    private static JupyterMessage message(String type, JsonNode parent, ObjectNode content) {
        ObjectNode header = RemoteJson.mapper().createObjectNode();
        header.put("msg_id", UUID.randomUUID().toString());
        header.put("msg_type", type);
        header.put("session", "codeact-remote-engine");
        header.put("username", "codeact");
        header.put("date", ZonedDateTime.now(ZoneOffset.UTC).toString());
        header.put("version", "5.3");
        return new JupyterMessage(List.of(), header, parent, RemoteJson.mapper().createObjectNode(), content, List.of());
    }
}
