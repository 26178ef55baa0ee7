package studio.codeact.engine.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import okio.Buffer;
import okio.ByteString;
import studio.codeact.engine.jupyter.JupyterMessage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code v1.kernel.websocket.jupyter.org} frames: a little-endian 64-bit count {@code n}, then
 * {@code n} 64-bit offsets into the frame; between the first two offsets the channel name
 * (UTF-8), then one part per following offset: header, parent header, metadata, content and
 * binary buffers. The server signs and checks messages itself, so no signature travels here.
 */
final class BinaryV1Wire implements WireFormat {

    private final ObjectMapper json = RemoteJson.mapper();

    @Override
    public String name() {
        return "v1";
    }

    @Override
    public Frame encode(String channel, JupyterMessage message) {
        try {
            List<byte[]> parts = new ArrayList<>(List.of(json.writeValueAsBytes(message.header()), json.writeValueAsBytes(message.parentHeader()),
                    json.writeValueAsBytes(message.metadata()), json.writeValueAsBytes(message.content())));
            parts.addAll(message.buffers());
            byte[] name = channel.getBytes(StandardCharsets.UTF_8);
            int offsets = parts.size() + 2;
            long position = 8L * (1 + offsets);
            Buffer frame = new Buffer();
            frame.writeLongLe(offsets);
            frame.writeLongLe(position);
            position += name.length;
            frame.writeLongLe(position);
            for (byte[] part : parts) {
                position += part.length;
                frame.writeLongLe(position);
            }
            frame.write(name);
            parts.forEach(frame::write);
            return new Frame.Binary(frame.readByteString());
        } catch (IOException e) {
            throw new IllegalArgumentException("could not encode a " + message.msgType() + " message", e);
        }
    }

    @Override
    public Received decode(Frame frame) throws InvalidFrameException {
        if (!(frame instanceof Frame.Binary(ByteString bytes))) {
            throw new InvalidFrameException("a text frame on a v1 (binary) kernel WebSocket");
        }
        ByteBuffer data = bytes.asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        int size = data.remaining();
        if (size < 8) {
            throw new InvalidFrameException("a v1 frame shorter than its offset count");
        }
        long count = data.getLong(0);
        if (count < 6 || 8 * (1 + count) > size) {
            throw new InvalidFrameException("a v1 frame with " + count + " offsets (at least 6 are needed: channel and 4 parts)");
        }
        int[] offsets = new int[(int) count];
        for (int i = 0; i < count; i++) {
            long offset = data.getLong(8 * (i + 1));
            if (offset < 0 || offset > size || (i > 0 && offset < offsets[i - 1])) {
                throw new InvalidFrameException("a v1 frame whose offsets do not fit it");
            }
            offsets[i] = (int) offset;
        }
        String channel = bytes.substring(offsets[0], offsets[1]).utf8();
        try {
            JsonNode header = json.readTree(slice(bytes, offsets, 1));
            if (!(header instanceof ObjectNode objectHeader)) {
                throw new InvalidFrameException("a v1 frame whose header is not a JSON object");
            }
            List<byte[]> buffers = new ArrayList<>();
            for (int i = 5; i < count - 1; i++) {
                buffers.add(slice(bytes, offsets, i));
            }
            return new Received(channel, new JupyterMessage(List.of(), objectHeader, json.readTree(slice(bytes, offsets, 2)),
                    json.readTree(slice(bytes, offsets, 3)), json.readTree(slice(bytes, offsets, 4)), buffers));
        } catch (IOException e) {
            throw new InvalidFrameException("a v1 frame with unreadable JSON: " + e.getMessage(), e);
        }
    }

    /** Part {@code i} (1 = header): the bytes between offsets {@code i} and {@code i + 1}. */
    private static byte[] slice(ByteString bytes, int[] offsets, int i) {
        return bytes.substring(offsets[i], offsets[i + 1]).toByteArray();
    }
}
