package studio.codeact.engine.remote;

import org.junit.jupiter.api.Test;
import studio.codeact.engine.jupyter.Channel;
import studio.codeact.engine.jupyter.JupyterMessage;
import studio.codeact.engine.jupyter.MessageFactory;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Cells whose end was lost on a dropped link are closed with an error that says so; finished ones are left alone. */
class LostRepliesTest {

    private final MessageFactory factory = new MessageFactory("test");

    private JupyterMessage reply(String type, JupyterMessage parent, String state) {
        var content = factory.json().createObjectNode();
        if (state != null) {
            content.put("execution_state", state);
        }
        return factory.message(type, content, parent.header());
    }

    @Test
    void aCellWithoutItsReplyAndIdleStatusIsClosedWithAConnectionError() {
        LostReplies lost = new LostReplies();
        JupyterMessage cut = factory.execute("print(1)", false, true, Map.of(), false);
        JupyterMessage done = factory.execute("2", false, true, Map.of(), false);
        lost.sent(Channel.SHELL, cut);
        lost.sent(Channel.SHELL, done);
        lost.sent(Channel.SHELL, factory.kernelInfo()); // not a cell
        lost.received(reply("stream", cut, null));
        lost.received(reply("execute_reply", done, null));
        lost.received(reply("status", done, "idle"));

        List<Map.Entry<Channel, JupyterMessage>> closing = lost.closing();

        assertThat(closing).extracting(e -> e.getKey() + " " + e.getValue().msgType() + " " + e.getValue().parentMsgId())
                .containsExactly("IOPUB error " + cut.msgId(), "SHELL execute_reply " + cut.msgId(), "IOPUB status " + cut.msgId());
        for (Map.Entry<Channel, JupyterMessage> erring : closing.subList(0, 2)) { // the output the user and the model read, and the reply
            assertThat(erring.getValue().content().path("ename").asText()).isEqualTo("ConnectionError");
            assertThat(erring.getValue().content().path("evalue").asText()).contains("outputs were lost");
        }
        assertThat(lost.any()).isFalse();
    }

    @Test
    void aReplyThatArrivedIsNotMadeAgain() {
        LostReplies lost = new LostReplies();
        JupyterMessage cell = factory.execute("x", false, true, Map.of(), false);
        lost.sent(Channel.SHELL, cell);
        lost.received(reply("execute_reply", cell, null));
        assertThat(lost.closing()).extracting(e -> e.getValue().msgType()).containsExactly("status");
    }
}
