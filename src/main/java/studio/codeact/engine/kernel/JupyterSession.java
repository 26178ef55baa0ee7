package studio.codeact.engine.kernel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import studio.codeact.engine.jupyter.Json;
import studio.codeact.engine.jupyter.JupyterMessage;
import studio.codeact.engine.jupyter.MessageFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The ZeroMQ half of {@code jupyter_client/session.py}: turns messages into wire frames and back,
 * signing and verifying them with HMAC-SHA256 over the four JSON parts. Messages are built by
 * its {@link MessageFactory}. One session per client; safe to use from any thread (it keeps no
 * mutable state).
 *
 * <p>Wire form: {@code [identities…, "<IDS|MSG>", hex signature, header, parent_header,
 * metadata, content, buffers…]}. An empty key means unsigned messages (signature {@code ""}).
 */
public final class JupyterSession {

    static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);

    private final ObjectMapper json = Json.mapper();
    private final MessageFactory messages;
    private final SecretKeySpec key;

    /** @param key the connection file's key (UTF-8 bytes of the hex text, as jupyter_client uses it); empty for none */
    public JupyterSession(String key, String username) {
        this.key = key == null || key.isEmpty() ? null : new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.messages = new MessageFactory(username);
    }

    /** The session id in every header this session builds; also the client's ZeroMQ identity. */
    public String sessionId() {
        return messages.sessionId();
    }

    public MessageFactory messages() {
        return messages;
    }

    public ObjectMapper json() {
        return json;
    }

    /** A new message of {@code type} with {@code content}, answering {@code parent} (or nothing when null). */
    public JupyterMessage message(String type, ObjectNode content, JsonNode parent) {
        return messages.message(type, content, parent);
    }

    /** The frames to send, signed. */
    public List<byte[]> serialize(JupyterMessage message) {
        try {
            byte[][] parts = {json.writeValueAsBytes(message.header()), json.writeValueAsBytes(message.parentHeader()),
                    json.writeValueAsBytes(message.metadata()), json.writeValueAsBytes(message.content())};
            List<byte[]> frames = new ArrayList<>(message.identities());
            frames.add(DELIMITER);
            frames.add(sign(parts).getBytes(StandardCharsets.US_ASCII));
            frames.addAll(Arrays.asList(parts));
            frames.addAll(message.buffers());
            return frames;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("could not encode a " + message.msgType() + " message", e);
        }
    }

    /**
     * Reads received frames, verifying the signature before anything is parsed.
     *
     * @throws InvalidMessageException when the frames are malformed or the signature is wrong
     */
    public JupyterMessage deserialize(List<byte[]> frames) throws InvalidMessageException {
        int delimiter = -1;
        for (int i = 0; i < frames.size(); i++) {
            if (Arrays.equals(frames.get(i), DELIMITER)) {
                delimiter = i;
                break;
            }
        }
        if (delimiter < 0 || frames.size() < delimiter + 6) {
            throw new InvalidMessageException("a message without the <IDS|MSG> delimiter and five parts after it");
        }
        byte[][] parts = frames.subList(delimiter + 2, delimiter + 6).toArray(byte[][]::new);
        if (key != null) {
            byte[] expected = sign(parts).getBytes(StandardCharsets.US_ASCII);
            if (!MessageDigest.isEqual(expected, frames.get(delimiter + 1))) {
                throw new InvalidMessageException("a message with a wrong signature");
            }
        }
        try {
            JsonNode header = json.readTree(parts[0]);
            if (!(header instanceof ObjectNode objectHeader)) {
                throw new InvalidMessageException("a message whose header is not a JSON object");
            }
            return new JupyterMessage(frames.subList(0, delimiter), objectHeader, json.readTree(parts[1]),
                    json.readTree(parts[2]), json.readTree(parts[3]), frames.subList(delimiter + 6, frames.size()));
        } catch (IOException e) {
            throw new InvalidMessageException("a message with unreadable JSON: " + e.getMessage(), e);
        }
    }

    /** Lower-case hex HMAC-SHA256 of the parts, or {@code ""} without a key. */
    String sign(byte[]... parts) {
        if (key == null) {
            return "";
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            for (byte[] part : parts) {
                mac.update(part);
            }
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
        }
    }
}
