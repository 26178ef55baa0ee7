package studio.codeact.engine.kernel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import studio.codeact.engine.jupyter.JupyterMessage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Wire frames, HMAC-SHA256 signing and verification. */
class JupyterSessionTest {

    private final JupyterSession session = new JupyterSession("0123456789abcdef", "ada");

    private JupyterMessage sample(JupyterSession from) {
        ObjectNode content = from.json().createObjectNode();
        content.put("code", "1 + 1");
        return from.message("execute_request", content, null);
    }

    @Test
    void framesRoundTripWithTheirSignature() throws Exception {
        JupyterMessage sent = sample(session);
        List<byte[]> frames = session.serialize(sent);

        assertThat(new String(frames.get(0), StandardCharsets.US_ASCII)).isEqualTo("<IDS|MSG>");
        assertThat(new String(frames.get(1), StandardCharsets.US_ASCII)).matches("[0-9a-f]{64}");
        JupyterMessage received = session.deserialize(frames);
        assertThat(received.msgId()).isEqualTo(sent.msgId());
        assertThat(received.msgType()).isEqualTo("execute_request");
        assertThat(received.header().path("version").asText()).isEqualTo("5.3");
        assertThat(received.header().path("date").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
        assertThat(received.content().path("code").asText()).isEqualTo("1 + 1");
    }

    @Test
    void theSignatureMatchesPythonsHmacOfTheFourJsonParts() {
        // python3 -c "import hmac, hashlib; print(hmac.new(b'key', b'{}{}{}{}', hashlib.sha256).hexdigest())"
        JupyterSession keyed = new JupyterSession("key", "ada");
        byte[] empty = "{}".getBytes(StandardCharsets.US_ASCII);
        assertThat(keyed.sign(empty, empty, empty, empty)).isEqualTo("ca767b02c5bc061ed184a9a029e7f93a7f2f7ed4e8fe74120fc1212f0b008fa3");
    }

    @Test
    void aMessageSignedWithAnotherKeyIsRejected() {
        JupyterSession stranger = new JupyterSession("not-the-key", "mallory");
        List<byte[]> frames = stranger.serialize(sample(stranger));
        assertThatThrownBy(() -> session.deserialize(frames)).isInstanceOf(InvalidMessageException.class).hasMessageContaining("signature");
    }

    @Test
    void aTamperedMessageIsRejected() {
        List<byte[]> frames = new ArrayList<>(session.serialize(sample(session)));
        frames.set(5, "{\"code\": \"import os; os.system('rm -rf ~')\"}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> session.deserialize(frames)).isInstanceOf(InvalidMessageException.class).hasMessageContaining("signature");
    }

    @Test
    void anUnsignedMessageIsRejectedWhenAKeyIsSet() {
        List<byte[]> frames = new ArrayList<>(session.serialize(sample(session)));
        frames.set(1, new byte[0]);
        assertThatThrownBy(() -> session.deserialize(frames)).isInstanceOf(InvalidMessageException.class);
    }

    @Test
    void framesWithoutTheDelimiterAreRejected() {
        List<byte[]> frames = new ArrayList<>(session.serialize(sample(session)));
        frames.removeFirst();
        assertThatThrownBy(() -> session.deserialize(frames)).isInstanceOf(InvalidMessageException.class).hasMessageContaining("delimiter");
    }

    @Test
    void routingIdentitiesBeforeTheDelimiterAreKept() throws Exception {
        List<byte[]> frames = new ArrayList<>(session.serialize(sample(session)));
        frames.addFirst("client-7".getBytes(StandardCharsets.US_ASCII));
        assertThat(new String(session.deserialize(frames).identities().getFirst(), StandardCharsets.US_ASCII)).isEqualTo("client-7");
    }

    @Test
    void withoutAKeyMessagesAreNeitherSignedNorChecked() throws Exception {
        JupyterSession open = new JupyterSession("", "ada");
        List<byte[]> frames = open.serialize(sample(open));
        assertThat(frames.get(1)).isEmpty();
        assertThat(open.deserialize(frames).msgType()).isEqualTo("execute_request");
    }
}
