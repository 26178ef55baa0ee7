package studio.codeact.engine.jupyter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * One message of the Jupyter messaging protocol (v5.3): routing identities, the four JSON
 * parts and any binary buffers. Built by {@link MessageFactory}; turned into wire form and back
 * by a {@link KernelTransport}.
 *
 * @param identities   ZeroMQ routing frames before the {@code <IDS|MSG>} delimiter (empty for a client
 *                     and for transports without routing, such as a WebSocket)
 * @param header       {@code msg_id}, {@code msg_type}, {@code session}, {@code username}, {@code date}, {@code version}
 * @param parentHeader the header of the request this message answers, or an empty object
 * @param metadata     free-form metadata
 * @param content      the message type's content
 * @param buffers      extra binary frames (rare; comms)
 */
public record JupyterMessage(List<byte[]> identities, ObjectNode header, JsonNode parentHeader,
                             JsonNode metadata, JsonNode content, List<byte[]> buffers) {

    public JupyterMessage {
        identities = List.copyOf(identities);
        buffers = List.copyOf(buffers);
    }

    public String msgId() {
        return header.path("msg_id").asText("");
    }

    public String msgType() {
        return header.path("msg_type").asText("");
    }

    /** The {@code msg_id} of the request this message belongs to, or {@code ""}. */
    public String parentMsgId() {
        return parentHeader.path("msg_id").asText("");
    }

    @Override
    public String toString() {
        return msgType() + " " + msgId() + (parentMsgId().isEmpty() ? "" : " (parent " + parentMsgId() + ")");
    }
}
