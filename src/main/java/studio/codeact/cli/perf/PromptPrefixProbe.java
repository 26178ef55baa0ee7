package studio.codeact.cli.perf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import studio.codeact.llm.ChatModel;
import studio.codeact.llm.Provider;
import studio.codeact.llm.ProviderConfig;
import studio.codeact.llm.openai.OpenAiChatModel;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A scripted OpenAI-compatible server on loopback for {@code perf agent}: it answers each chat
 * request with the next canned reply (a whole JSON completion, which the client accepts in place
 * of a stream) and keeps every request body exactly as it arrived, so that the prompt-cache
 * figures are measured on the real wire bytes of the real client.
 */
final class PromptPrefixProbe implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private final Deque<String> replies = new ArrayDeque<>();
    private final List<String> bodies = new ArrayList<>();

    PromptPrefixProbe(List<String> script) throws IOException {
        replies.addAll(script);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(thread);
        server.createContext("/v1/chat/completions", this::serve);
        server.start();
    }

    /** The real OpenAI client, pointed at this server. */
    ChatModel model() {
        return new OpenAiChatModel(ProviderConfig.of(Provider.OPENAI)
                .withBaseUrl("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + "/v1")
                .withApiKey("sk-perf").withModel("scripted"));
    }

    /** The request bodies received, in order. */
    synchronized List<String> bodies() {
        return List.copyOf(bodies);
    }

    private void serve(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String reply;
        synchronized (this) {
            bodies.add(body);
            reply = replies.isEmpty() ? "<solution>out of script</solution>" : replies.pollFirst();
        }
        ObjectNode completion = JSON.createObjectNode().put("id", "chatcmpl-perf").put("object", "chat.completion").put("model", "scripted");
        ObjectNode choice = completion.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", reply);
        completion.putObject("usage").put("prompt_tokens", body.length() / 4).put("completion_tokens", reply.length() / 4);
        byte[] bytes = completion.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Characters at the start of {@code current} identical to the start of {@code previous}. */
    static int sharedPrefix(String previous, String current) {
        int most = Math.min(previous.length(), current.length());
        int shared = 0;
        while (shared < most && previous.charAt(shared) == current.charAt(shared)) {
            shared++;
        }
        return shared;
    }

    @Override
    public void close() {
        server.stop(0);
        thread.shutdownNow();
    }
}
