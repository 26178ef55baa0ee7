package studio.codeact.engine.kernel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import studio.codeact.engine.jupyter.IopubBacklog;
import studio.codeact.engine.jupyter.JupyterMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client against a stand-in kernel made of plain ZeroMQ sockets in this test: what it sends
 * is signed, and what arrives with a wrong signature is dropped, never delivered.
 */
class KernelClientWireTest {

    private final ConnectionInfo info = ConnectionInfo.allocate();
    private final JupyterSession kernelSide = new JupyterSession(info.key(), "kernel");
    private final JupyterSession forger = new JupyterSession("a-different-key", "mallory");
    private final BlockingQueue<JupyterMessage> delivered = new LinkedBlockingQueue<>();
    private final ExecutorService events = Executors.newSingleThreadExecutor();
    private ZContext context;
    private ZMQ.Socket shell;
    private ZMQ.Socket iopub;
    private KernelClient client;

    @BeforeEach
    void bindAStandInKernelAndConnect() throws Exception {
        context = new ZContext();
        shell = context.createSocket(SocketType.ROUTER);
        shell.bind(info.url(info.shellPort()));
        iopub = context.createSocket(SocketType.PUB);
        iopub.bind(info.url(info.iopubPort()));
        client = KernelClient.connect(info, events, new IopubBacklog(), (channel, message, wireBytes) -> delivered.add(message));
    }

    @AfterEach
    void closeEverything() {
        client.close();
        events.shutdownNow();
        context.close();
    }

    @Test
    void requestsAreSignedWithTheConnectionKeyAndCarryTheSessionIdentity() throws Exception {
        JupyterMessage sent = client.kernelInfo();
        List<byte[]> frames = receive(shell);

        assertThat(new String(frames.getFirst())).isEqualTo(client.session().sessionId());
        JupyterMessage received = kernelSide.deserialize(frames); // throws if the signature were wrong
        assertThat(received.msgId()).isEqualTo(sent.msgId());
        assertThat(received.msgType()).isEqualTo("kernel_info_request");
    }

    @Test
    void repliesAndBroadcastsWithAWrongSignatureAreDropped() throws Exception {
        JupyterMessage request = client.kernelInfo();
        byte[] identity = receive(shell).getFirst();

        sendFrom(forger, shell, identity, "kernel_info_reply", "forged reply", request);
        sendFrom(kernelSide, shell, identity, "kernel_info_reply", "genuine reply", request);
        JupyterMessage reply = delivered.poll(10, TimeUnit.SECONDS);
        assertThat(reply).isNotNull();
        assertThat(reply.content().path("text").asText()).isEqualTo("genuine reply");
        assertThat(reply.parentMsgId()).isEqualTo(request.msgId());

        // iopub: a SUB socket hears only what is published after its subscription arrived
        JupyterMessage heard = null;
        for (int i = 0; i < 100 && heard == null; i++) {
            sendFrom(kernelSide, iopub, null, "status", "probe", null);
            heard = delivered.poll(50, TimeUnit.MILLISECONDS);
        }
        assertThat(heard).as("the client's iopub subscription never became active").isNotNull();
        // one publisher, one subscriber: messages arrive in the order sent, so a marker ends each batch
        sendFrom(kernelSide, iopub, null, "status", "all probes sent", null);
        deliveredUntil("all probes sent");
        sendFrom(forger, iopub, null, "stream", "forged output", null);
        sendFrom(kernelSide, iopub, null, "stream", "genuine output", null);
        sendFrom(kernelSide, iopub, null, "status", "end of test", null);
        assertThat(deliveredUntil("end of test")).extracting(m -> m.content().path("text").asText())
                .containsExactly("genuine output", "end of test");
    }

    /** What the client delivers up to and including the message whose text is {@code last}. */
    private List<JupyterMessage> deliveredUntil(String last) throws InterruptedException {
        List<JupyterMessage> seen = new ArrayList<>();
        while (seen.isEmpty() || !seen.getLast().content().path("text").asText().equals(last)) {
            JupyterMessage next = delivered.poll(10, TimeUnit.SECONDS);
            assertThat(next).as("'%s' never arrived; got %s", last, seen).isNotNull();
            seen.add(next);
        }
        return seen;
    }

    private static List<byte[]> receive(ZMQ.Socket socket) {
        socket.setReceiveTimeOut(10_000);
        List<byte[]> frames = new ArrayList<>();
        byte[] frame = socket.recv();
        assertThat(frame).as("nothing arrived").isNotNull();
        frames.add(frame);
        while (socket.hasReceiveMore()) {
            frames.add(socket.recv());
        }
        return frames;
    }

    private static void sendFrom(JupyterSession signer, ZMQ.Socket socket, byte[] identity, String type, String text, JupyterMessage parent) {
        ObjectNode content = signer.json().createObjectNode();
        content.put("text", text);
        JupyterMessage message = signer.message(type, content, parent == null ? null : parent.header());
        List<byte[]> frames = new ArrayList<>(signer.serialize(message));
        if (identity != null) {
            frames.addFirst(identity);
        }
        for (int i = 0; i < frames.size(); i++) {
            socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
        }
    }
}
