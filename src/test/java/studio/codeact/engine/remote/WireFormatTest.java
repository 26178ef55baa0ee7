package studio.codeact.engine.remote;

import com.fasterxml.jackson.databind.node.ObjectNode;
import okio.Buffer;
import okio.ByteString;
import org.junit.jupiter.api.Test;
import studio.codeact.engine.jupyter.JupyterMessage;
import studio.codeact.engine.jupyter.MessageFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The two codecs on their own: round trips, buffers, and frames they must refuse. */
class WireFormatTest {

    private final MessageFactory session = new MessageFactory("test");

    private JupyterMessage message(List<byte[]> buffers) {
        ObjectNode content = session.json().createObjectNode();
        content.put("code", "print('ü')");
        JupyterMessage plain = session.message("execute_request", content, null);
        return new JupyterMessage(List.of(), plain.header(), plain.parentHeader(), plain.metadata(), plain.content(), buffers);
    }

    @Test
    void v1FramesRoundTripWithChannelAndBuffers() throws Exception {
        BinaryV1Wire wire = new BinaryV1Wire();
        JupyterMessage sent = message(List.of("abc".getBytes(StandardCharsets.UTF_8), new byte[]{0, 1, 2}));
        WireFormat.Received back = wire.decode(wire.encode("control", sent));
        assertThat(back.channel()).isEqualTo("control");
        assertThat(back.message().header()).isEqualTo(sent.header());
        assertThat(back.message().content()).isEqualTo(sent.content());
        assertThat(back.message().buffers()).containsExactly("abc".getBytes(StandardCharsets.UTF_8), new byte[]{0, 1, 2});
    }

    @Test
    void v1FramesStartWithTheOffsetTable() throws Exception {
        WireFormat.Frame frame = new BinaryV1Wire().encode("shell", message(List.of()));
        ByteString bytes = ((WireFormat.Frame.Binary) frame).bytes();
        Buffer buffer = new Buffer().write(bytes);
        assertThat(buffer.readLongLe()).isEqualTo(6);
        assertThat(buffer.readLongLe()).isEqualTo(56); // 8 × (1 + 6): the channel starts after the table
        assertThat(buffer.readLongLe()).isEqualTo(61); // "shell"
        assertThat(bytes.substring(56, 61).utf8()).isEqualTo("shell");
    }

    @Test
    void legacyJsonRoundTripsAndReadsBinaryFramesWithBuffers() throws Exception {
        LegacyJsonWire wire = new LegacyJsonWire();
        JupyterMessage sent = message(List.of());
        WireFormat.Frame frame = wire.encode("shell", sent);
        assertThat(((WireFormat.Frame.Text) frame).text()).contains("\"channel\":\"shell\"");
        assertThat(wire.decode(frame).message().content()).isEqualTo(sent.content());

        // the server's binary form for a message with buffers: count, offsets (big-endian 32-bit), JSON, buffers
        byte[] json = ((WireFormat.Frame.Text) frame).text().replace("\"shell\"", "\"iopub\"").getBytes(StandardCharsets.UTF_8);
        Buffer binary = new Buffer().writeInt(2).writeInt(12).writeInt(12 + json.length).write(json).write(new byte[]{9, 8});
        WireFormat.Received received = wire.decode(new WireFormat.Frame.Binary(binary.readByteString()));
        assertThat(received.channel()).isEqualTo("iopub");
        assertThat(received.message().buffers()).containsExactly(new byte[]{9, 8});
    }

    @Test
    void malformedFramesAreRefusedNotDelivered() {
        assertThatThrownBy(() -> new BinaryV1Wire().decode(new WireFormat.Frame.Binary(ByteString.of((byte) 1, (byte) 2))))
                .isInstanceOf(InvalidFrameException.class);
        assertThatThrownBy(() -> new BinaryV1Wire().decode(new WireFormat.Frame.Text("{}"))).isInstanceOf(InvalidFrameException.class);
        assertThatThrownBy(() -> new LegacyJsonWire().decode(new WireFormat.Frame.Text("{\"header\": 3}"))).isInstanceOf(InvalidFrameException.class);
        assertThatThrownBy(() -> new LegacyJsonWire().decode(new WireFormat.Frame.Text("not json"))).isInstanceOf(InvalidFrameException.class);
    }
}
