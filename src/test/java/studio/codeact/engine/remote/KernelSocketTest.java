package studio.codeact.engine.remote;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import studio.codeact.engine.JupyterServerConfig;
import studio.codeact.engine.jupyter.JupyterMessage;
import studio.codeact.engine.jupyter.MessageFactory;
import studio.codeact.testing.JupyterServerFixture;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Both WebSocket wire formats against a real Jupyter Server, and a link that drops mid-cell. */
class KernelSocketTest {

    private static JupyterServerFixture server;
    private static ServerApi api;
    private static final ExecutorService DELIVERY = Executors.newSingleThreadExecutor();

    @BeforeAll
    static void startServer() {
        server = JupyterServerFixture.start();
        api = new ServerApi(JupyterServerConfig.of(server.url(), server.token()));
    }

    @AfterAll
    static void stopServer() {
        DELIVERY.shutdownNow();
        if (server != null) {
            assertThat(api.kernels()).as("every test shut its kernel down").isEmpty();
            server.close();
        }
    }

    private record Got(String channel, JupyterMessage message) { }

    private static final class Recorder implements KernelSocket.Listener {
        final BlockingQueue<Got> messages = new LinkedBlockingQueue<>();
        final BlockingQueue<String> events = new LinkedBlockingQueue<>();
        /** Messages {@link #next} looked at and did not want yet, in arrival order. */
        private final List<Got> passed = new java.util.ArrayList<>();

        @Override
        public void onMessage(String channel, JupyterMessage message, long wireBytes) {
            messages.add(new Got(channel, message));
        }

        @Override
        public void onReconnecting(String reason) {
            events.add("reconnecting");
        }

        @Override
        public void onReconnected() {
            events.add("reconnected");
        }

        @Override
        public void onLost(String reason, boolean kernelGone) {
            events.add("lost " + kernelGone + " " + reason);
        }

        /**
         * The next message answering {@code request} that has the type, waiting up to 30 s. Others
         * are kept for later calls: the shell reply and the iopub broadcasts travel on different
         * kernel sockets, so a reply may come before the outputs the test asks for first.
         */
        Got next(JupyterMessage request, String type) throws InterruptedException {
            for (var kept = passed.iterator(); kept.hasNext(); ) {
                Got got = kept.next();
                if (answers(got, request, type)) {
                    kept.remove();
                    return got;
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                Got got = messages.poll(100, TimeUnit.MILLISECONDS);
                if (got == null) {
                    continue;
                }
                if (answers(got, request, type)) {
                    return got;
                }
                passed.add(got);
            }
            throw new AssertionError("no " + type + " for " + request);
        }

        private static boolean answers(Got got, JupyterMessage request, String type) {
            return got.message().parentMsgId().equals(request.msgId()) && got.message().msgType().equals(type);
        }
    }

    private static JupyterMessage execute(MessageFactory session, String code) {
        ObjectNode content = session.json().createObjectNode();
        content.put("code", code);
        content.put("silent", false);
        content.put("store_history", true);
        content.putObject("user_expressions");
        content.put("allow_stdin", false);
        content.put("stop_on_error", false);
        return session.message("execute_request", content, null);
    }

    @ParameterizedTest
    @EnumSource(KernelSocket.Offer.class)
    void bothWireFormatsCarryRequestsRepliesAndBroadcasts(KernelSocket.Offer offer) throws Exception {
        KernelModel kernel = api.start("", "");
        MessageFactory session = new MessageFactory("test");
        Recorder recorder = new Recorder();
        try (KernelSocket socket = KernelSocket.open(api, kernel.id(), session.sessionId(), offer, DELIVERY, recorder)) {
            assertThat(socket.formatName()).isEqualTo(offer == KernelSocket.Offer.V1 ? "v1" : "legacy JSON");

            JupyterMessage info = session.message("kernel_info_request", session.json().createObjectNode(), null);
            socket.send("shell", info);
            Got reply = recorder.next(info, "kernel_info_reply");
            assertThat(reply.channel()).isEqualTo("shell");
            assertThat(reply.message().content().path("language_info").path("name").asText()).isEqualTo("python");

            JupyterMessage run = execute(session, "print('héllo')\nfrom IPython.display import display, HTML\ndisplay(HTML('<b>x</b>'))\n6*7");
            socket.send("shell", run);
            Got stream = recorder.next(run, "stream");
            assertThat(stream.channel()).isEqualTo("iopub");
            assertThat(stream.message().content().path("text").asText()).isEqualTo("héllo\n");
            assertThat(recorder.next(run, "display_data").message().content().path("data").path("text/html").asText()).isEqualTo("<b>x</b>");
            assertThat(recorder.next(run, "execute_result").message().content().path("data").path("text/plain").asText()).isEqualTo("42");
            assertThat(recorder.next(run, "execute_reply").message().content().path("status").asText()).isEqualTo("ok");
        } finally {
            api.shutdown(kernel.id());
        }
    }

    @ParameterizedTest
    @EnumSource(KernelSocket.Offer.class)
    void aDroppedLinkReconnectsAndTheRunningCellsOutputsStillArrive(KernelSocket.Offer offer) throws Exception {
        KernelModel kernel = api.start("", "");
        MessageFactory session = new MessageFactory("test");
        Recorder recorder = new Recorder();
        try (KernelSocket socket = KernelSocket.open(api, kernel.id(), session.sessionId(), offer, DELIVERY, recorder)) {
            JupyterMessage run = execute(session, "import time\nfor i in range(8):\n    print('line', i, flush=True)\n    time.sleep(0.25)");
            socket.send("shell", run);
            recorder.next(run, "stream"); // the cell is running
            socket.dropLink();
            assertThat(recorder.events.poll(30, TimeUnit.SECONDS)).isEqualTo("reconnecting");
            assertThat(recorder.events.poll(30, TimeUnit.SECONDS)).isEqualTo("reconnected");
            StringBuilder text = new StringBuilder("line 0\n");
            while (text.indexOf("line 7") < 0) {
                text.append(recorder.next(run, "stream").message().content().path("text").asText());
            }
            assertThat(text.toString()).contains(List.of(0, 1, 2, 3, 4, 5, 6, 7).stream().map(i -> "line " + i + "\n").toArray(String[]::new));
            assertThat(recorder.next(run, "execute_reply").message().content().path("status").asText()).isEqualTo("ok");
            assertThat(socket.reconnects()).isEqualTo(1);
        } finally {
            api.shutdown(kernel.id());
        }
    }

    @ParameterizedTest
    @EnumSource(KernelSocket.Offer.class)
    void aKernelDeletedOnTheServerIsReportedGone(KernelSocket.Offer offer) throws Exception {
        KernelModel kernel = api.start("", "");
        MessageFactory session = new MessageFactory("test");
        Recorder recorder = new Recorder();
        try (KernelSocket ignored = KernelSocket.open(api, kernel.id(), session.sessionId(), offer, DELIVERY, recorder)) {
            api.shutdown(kernel.id()); // as a culler or another user would
            String event;
            do {
                event = recorder.events.poll(30, TimeUnit.SECONDS);
                assertThat(event).as("an event after the kernel was deleted").isNotNull();
            } while (!event.startsWith("lost"));
            assertThat(event).startsWith("lost true").contains("no longer exists");
        }
    }
}
