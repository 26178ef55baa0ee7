package studio.codeact.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scripted model behind a real HTTP server speaking the OpenAI Chat Completions wire format:
 * each {@code POST /v1/chat/completions} gets the next canned reply, streamed as server-sent
 * events ({@code chat.completion.chunk} objects, then {@code data: [DONE]}) — text in word-sized
 * deltas, tool calls with their arguments split across chunks. Like a real server it honours the
 * request's {@code stop} sequences (the text ends before the first one, {@code finish_reason}
 * {@code "stop"}). Every request body is recorded.
 */
public final class OpenAiWireServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private sealed interface Reply {
        record Text(String text) implements Reply { }

        record Tools(String text, List<String> codes) implements Reply { }
    }

    private final MockWebServer server = new MockWebServer();
    private final Deque<Reply> script = new ArrayDeque<>();
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final List<String> rawRequests = new CopyOnWriteArrayList<>();
    private boolean promptCache;
    private int failFrom = Integer.MAX_VALUE;
    private int failStatus;

    public OpenAiWireServer() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return answer(request);
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL to configure: {@code http://127.0.0.1:port/v1}. */
    public String baseUrl() {
        String url = server.url("/v1").toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public synchronized OpenAiWireServer thenText(String text) {
        script.addLast(new Reply.Text(text));
        return this;
    }

    /** A reply that calls {@code execute_python} once per code, after some text. */
    public synchronized OpenAiWireServer thenToolCalls(String text, String... codes) {
        script.addLast(new Reply.Tools(text, List.of(codes)));
        return this;
    }

    /** Every chat request from the {@code n}th on (1 = the first) fails with this HTTP status. */
    public synchronized OpenAiWireServer failFrom(int n, int status) {
        failFrom = n;
        failStatus = status;
        return this;
    }

    /**
     * Reports usage like a server with automatic prompt caching: {@code prompt_tokens} is the body's
     * length in characters over four, and {@code prompt_tokens_details.cached_tokens} the length of
     * the prefix it shares with the previous request, over four. (Without this, every reply reports
     * 10 prompt and 5 completion tokens and nothing cached.)
     */
    public synchronized OpenAiWireServer cachingPrompts() {
        promptCache = true;
        return this;
    }

    /** The chat request bodies received, byte for byte (as UTF-8 text), in order. */
    public List<String> rawRequests() {
        return List.copyOf(rawRequests);
    }

    /** The chat request bodies received, in order. */
    public List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    public synchronized int remainingReplies() {
        return script.size();
    }

    /** The text of the last user or tool message of a request (what the agent just observed). */
    public static String lastObservation(JsonNode request) {
        JsonNode messages = request.path("messages");
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode message = messages.get(i);
            String role = message.path("role").asText();
            if (role.equals("user") || role.equals("tool")) {
                JsonNode content = message.path("content");
                if (content.isTextual()) {
                    return content.asText();
                }
                StringBuilder text = new StringBuilder();
                content.forEach(part -> text.append(part.path("text").asText("")));
                return text.toString();
            }
        }
        return "";
    }

    private synchronized MockResponse answer(RecordedRequest request) {
        if (!request.getUrl().encodedPath().endsWith("/chat/completions")) {
            return new MockResponse.Builder().code(404).body("{\"error\": {\"message\": \"no such endpoint\"}}").build();
        }
        JsonNode body;
        String raw = request.getBody() == null ? "{}" : request.getBody().utf8();
        try {
            body = JSON.readTree(raw);
        } catch (IOException e) {
            return new MockResponse.Builder().code(400).body("{\"error\": {\"message\": \"body is not JSON\"}}").build();
        }
        String previous = rawRequests.isEmpty() ? "" : rawRequests.getLast();
        requests.add(body);
        rawRequests.add(raw);
        if (requests.size() >= failFrom) {
            return new MockResponse.Builder().code(failStatus).addHeader("Content-Type", "application/json")
                    .body("{\"error\": {\"message\": \"scripted server failure\", \"type\": \"server_error\"}}").build();
        }
        Reply reply = script.pollFirst();
        if (reply == null) {
            return new MockResponse.Builder().code(400).addHeader("Content-Type", "application/json")
                    .body("{\"error\": {\"message\": \"the test script has no reply for request " + requests.size() + "\"}}").build();
        }
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
                .body(events(reply, body, promptCache ? usage(raw, previous) : usage(10, 5, -1))).build();
    }

    private static ObjectNode usage(String raw, String previous) {
        int shared = 0;
        int most = Math.min(raw.length(), previous.length());
        while (shared < most && raw.charAt(shared) == previous.charAt(shared)) {
            shared++;
        }
        return usage(raw.length() / 4, 5, shared / 4);
    }

    private static ObjectNode usage(int prompt, int completion, int cached) {
        ObjectNode usage = NODES.objectNode().put("prompt_tokens", prompt).put("completion_tokens", completion)
                .put("total_tokens", prompt + completion);
        if (cached >= 0) {
            usage.putObject("prompt_tokens_details").put("cached_tokens", cached);
        }
        return usage;
    }

    private static String events(Reply reply, JsonNode request, ObjectNode counts) {
        StringBuilder sse = new StringBuilder();
        String model = request.path("model").asText("scripted");
        sse.append(chunk(model, delta(d -> d.put("role", "assistant").put("content", "")), null));
        switch (reply) {
            case Reply.Text text -> {
                String shown = text.text();
                String finish = "stop";
                for (JsonNode stop : request.path("stop")) {
                    int at = shown.indexOf(stop.asText());
                    if (at >= 0) {
                        shown = shown.substring(0, at);
                    }
                }
                for (String piece : pieces(shown)) {
                    sse.append(chunk(model, delta(d -> d.put("content", piece)), null));
                }
                sse.append(chunk(model, delta(d -> { }), finish));
            }
            case Reply.Tools tools -> {
                for (String piece : pieces(tools.text())) {
                    sse.append(chunk(model, delta(d -> d.put("content", piece)), null));
                }
                for (int i = 0; i < tools.codes().size(); i++) {
                    int index = i;
                    String arguments = NODES.objectNode().put("code", tools.codes().get(i)).toString();
                    int half = arguments.length() / 2;
                    sse.append(chunk(model, delta(d -> {
                        ObjectNode call = d.putArray("tool_calls").addObject();
                        call.put("index", index).put("id", "call_" + (index + 1)).put("type", "function");
                        call.putObject("function").put("name", "execute_python").put("arguments", arguments.substring(0, half));
                    }), null));
                    sse.append(chunk(model, delta(d -> {
                        ObjectNode call = d.putArray("tool_calls").addObject();
                        call.put("index", index);
                        call.putObject("function").put("arguments", arguments.substring(half));
                    }), null));
                }
                sse.append(chunk(model, delta(d -> { }), "tool_calls"));
            }
        }
        ObjectNode usage = NODES.objectNode();
        usage.put("id", "chatcmpl-scripted").put("object", "chat.completion.chunk").put("model", model);
        usage.putArray("choices");
        usage.set("usage", counts);
        sse.append("data: ").append(usage).append("\n\n");
        sse.append("data: [DONE]\n\n");
        return sse.toString();
    }

    private static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == ' ' || text.charAt(i) == '\n') {
                if (i > start) {
                    pieces.add(text.substring(start, i));
                }
                start = i;
            }
        }
        return pieces;
    }

    private interface DeltaWriter {
        void write(ObjectNode delta);
    }

    private static ObjectNode delta(DeltaWriter writer) {
        ObjectNode delta = NODES.objectNode();
        writer.write(delta);
        return delta;
    }

    private static String chunk(String model, ObjectNode delta, String finish) {
        ObjectNode chunk = NODES.objectNode();
        chunk.put("id", "chatcmpl-scripted").put("object", "chat.completion.chunk").put("created", 1_700_000_000L).put("model", model);
        ArrayNode choices = chunk.putArray("choices");
        ObjectNode choice = choices.addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        if (finish == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finish);
        }
        return "data: " + chunk + "\n\n";
    }

    @Override
    public void close() {
        server.close();
    }
}
