package studio.codeact.engine.remote;

import okio.ByteString;
import studio.codeact.engine.jupyter.JupyterMessage;

/**
 * How Jupyter messages travel over the kernel channels WebSocket. Jupyter Server offers two
 * forms: the {@value #V1_PROTOCOL} subprotocol (binary frames, the parts as the kernel sent
 * them) when the client asks for it, else the legacy JSON messages. Stateless; any thread.
 */
sealed interface WireFormat permits LegacyJsonWire, BinaryV1Wire {

    /** The subprotocol name a client offers in {@code Sec-WebSocket-Protocol}. */
    String V1_PROTOCOL = "v1.kernel.websocket.jupyter.org";

    /** One WebSocket message. */
    sealed interface Frame {
        /** Its length on the wire (characters of a text frame, which are mostly ASCII JSON). */
        long size();

        record Text(String text) implements Frame {
            @Override
            public long size() {
                return text.length();
            }
        }

        record Binary(ByteString bytes) implements Frame {
            @Override
            public long size() {
                return bytes.size();
            }
        }
    }

    /** A message with the channel it came on ({@code shell}, {@code iopub}, {@code stdin}, {@code control}). */
    record Received(String channel, JupyterMessage message) { }

    /** The frame that sends {@code message} on {@code channel}. */
    Frame encode(String channel, JupyterMessage message);

    /**
     * Reads a frame from the server.
     *
     * @throws InvalidFrameException when it is not a message of this format
     */
    Received decode(Frame frame) throws InvalidFrameException;

    /** The format the server chose: {@code v1} when it accepted the subprotocol, else legacy. */
    static WireFormat forProtocol(String negotiated) {
        return V1_PROTOCOL.equals(negotiated) ? new BinaryV1Wire() : new LegacyJsonWire();
    }

    /** Short name for logs and {@code info()}. */
    String name();
}
