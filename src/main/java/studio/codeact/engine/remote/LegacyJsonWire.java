package studio.codeact.engine.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import okio.ByteString;
import studio.codeact.engine.jupyter.JupyterMessage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The legacy JSON kernel WebSocket: a text frame is one message object with {@code header},
 * {@code parent_header}, {@code metadata}, {@code content}, {@code buffers} and {@code channel}.
 * A message with binary buffers comes as a binary frame instead: a big-endian 32-bit count
 * {@code n}, {@code n} 32-bit offsets, the JSON message, then the buffers.
 */
final class LegacyJsonWire implements WireFormat {

    private final ObjectMapper json = RemoteJson.mapper();

    @Override
    public String name() {
        return "legacy JSON";
    }

    @Override
    public Frame encode(String channel, JupyterMessage message) {
        if (!message.buffers().isEmpty()) {
            throw new IllegalArgumentException("this client sends no binary buffers over the legacy JSON WebSocket");
        }
        ObjectNode frame = json.createObjectNode();
        frame.set("header", message.header());
        frame.set("parent_header", message.parentHeader());
        frame.set("metadata", message.metadata());
        frame.set("content", message.content());
        frame.putArray("buffers");
        frame.put("channel", channel);
        try {
            return new Frame.Text(json.writeValueAsString(frame));
        } catch (IOException e) {
            throw new IllegalArgumentException("could not encode a " + message.msgType() + " message", e);
        }
    }

    @Override
    public Received decode(Frame frame) throws InvalidFrameException {
        return switch (frame) {
            case Frame.Text(String text) -> read(parse(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)), List.of());
            case Frame.Binary(ByteString bytes) -> decodeBinary(bytes);
        };
    }

    private Received decodeBinary(ByteString bytes) throws InvalidFrameException {
        ByteBuffer data = bytes.asByteBuffer();
        if (data.remaining() < 4) {
            throw new InvalidFrameException("a binary frame shorter than its offset count");
        }
        int count = data.getInt(0);
        if (count < 1 || 4L * (1 + count) > data.remaining()) {
            throw new InvalidFrameException("a binary frame with " + count + " offsets");
        }
        int[] offsets = new int[count + 1];
        for (int i = 0; i < count; i++) {
            offsets[i] = data.getInt(4 * (i + 1));
        }
        offsets[count] = bytes.size();
        List<byte[]> buffers = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            buffers.add(bytes.substring(offsets[i], offsets[i + 1]).toByteArray());
        }
        return read(parse(bytes.substring(offsets[0], offsets[1]).toByteArray()), buffers);
    }

    private JsonNode parse(byte[] text) throws InvalidFrameException {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new InvalidFrameException("a kernel WebSocket message with unreadable JSON: " + e.getMessage(), e);
        }
    }

    private Received read(JsonNode message, List<byte[]> buffers) throws InvalidFrameException {
        if (!(message.path("header") instanceof ObjectNode header)) {
            throw new InvalidFrameException("a kernel WebSocket message without a header object");
        }
        return new Received(message.path("channel").asText("shell"), new JupyterMessage(List.of(), header,
                orEmpty(message.path("parent_header")), orEmpty(message.path("metadata")), orEmpty(message.path("content")), buffers));
    }

    private JsonNode orEmpty(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? json.createObjectNode() : node;
    }
}
