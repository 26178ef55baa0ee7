package studio.codeact.llm.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import studio.codeact.llm.ChatMessage;
import studio.codeact.llm.ModelInfo;
import studio.codeact.llm.Provider;
import studio.codeact.llm.ProviderWire;
import studio.codeact.llm.ToolCall;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Chat Completions wire format as OpenAI (and vLLM, for the stop string) sends it. */
final class OpenAiWire implements ProviderWire {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Provider provider() {
        return Provider.OPENAI;
    }

    @Override
    public String baseUrl(MockWebServer server) {
        return server.url("/v1").toString();
    }

    @Override
    public String chatPath() {
        return "/v1/chat/completions";
    }

    @Override
    public String modelsPath() {
        return "/v1/models";
    }

    static ObjectNode chunk(String model) {
        ObjectNode chunk = JSON.createObjectNode();
        chunk.put("id", "chatcmpl-abc123").put("object", "chat.completion.chunk").put("created", 1_717_000_000)
                .put("model", model).put("system_fingerprint", "fp_44709d6fcb");
        return chunk;
    }

    static ObjectNode choice(ObjectNode chunk) {
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putNull("logprobs");
        choice.putNull("finish_reason");
        return choice;
    }

    static String data(JsonNode node) {
        return "data: " + node + "\n\n";
    }

    private List<String> events(Reply reply) {
        List<String> events = new ArrayList<>();
        ObjectNode first = chunk(reply.model());
        choice(first).putObject("delta").put("role", "assistant").put("content", "");
        events.add(data(first));
        for (String delta : reply.deltas()) {
            ObjectNode chunk = chunk(reply.model());
            choice(chunk).putObject("delta").put("content", delta);
            events.add(data(chunk));
        }
        for (int i = 0; i < reply.calls().size(); i++) {
            Call call = reply.calls().get(i);
            ObjectNode start = chunk(reply.model());
            ObjectNode tool = choice(start).putObject("delta").putArray("tool_calls").addObject();
            tool.put("index", i).put("id", call.id()).put("type", "function");
            tool.putObject("function").put("name", call.name()).put("arguments", "");
            events.add(data(start));
            for (String piece : call.argumentPieces()) {
                ObjectNode chunk = chunk(reply.model());
                ObjectNode part = choice(chunk).putObject("delta").putArray("tool_calls").addObject();
                part.put("index", i).putObject("function").put("arguments", piece);
                events.add(data(chunk));
            }
        }
        return events;
    }

    @Override
    public String stream(Reply reply) {
        List<String> events = events(reply);
        ObjectNode last = chunk(reply.model());
        ObjectNode choice = choice(last);
        choice.putObject("delta");
        choice.put("finish_reason", finishReason(reply.finish()));
        if (reply.finish() == Finish.STOP_SEQUENCE) {
            choice.put("stop_reason", reply.stopSequence());
        }
        events.add(data(last));
        ObjectNode usage = chunk(reply.model());
        usage.putArray("choices");
        usage.putObject("usage").put("prompt_tokens", reply.promptTokens()).put("completion_tokens", reply.completionTokens())
                .put("total_tokens", reply.promptTokens() + reply.completionTokens());
        events.add(data(usage));
        events.add("data: [DONE]\n\n");
        return String.join("", events);
    }

    @Override
    public String streamWithoutEnd(Reply reply) {
        return String.join("", events(reply));
    }

    @Override
    public String streamStart(String firstDelta) {
        return String.join("", events(Reply.text(firstDelta)));
    }

    @Override
    public String errorEvent(String message) {
        ObjectNode error = JSON.createObjectNode();
        error.putObject("error").put("message", message).put("type", "server_error").putNull("param").putNull("code");
        return data(error);
    }

    @Override
    public String keepAlive() {
        return ": OPENROUTER PROCESSING\n\n";
    }

    @Override
    public String plain(Reply reply) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", "chatcmpl-abc123").put("object", "chat.completion").put("created", 1_717_000_000).put("model", reply.model());
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        if (reply.deltas().isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", reply.joined());
        }
        if (!reply.calls().isEmpty()) {
            ArrayNode calls = message.putArray("tool_calls");
            for (Call call : reply.calls()) {
                ObjectNode tool = calls.addObject();
                tool.put("id", call.id()).put("type", "function");
                tool.putObject("function").put("name", call.name()).put("arguments", call.arguments());
            }
        }
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason(reply.finish()));
        body.putObject("usage").put("prompt_tokens", reply.promptTokens()).put("completion_tokens", reply.completionTokens())
                .put("total_tokens", reply.promptTokens() + reply.completionTokens());
        return body.toString();
    }

    @Override
    public String errorBody(int status, String message) {
        ObjectNode body = JSON.createObjectNode();
        String type = switch (status) {
            case 401 -> "invalid_api_key";
            case 429 -> "rate_limit_exceeded";
            case 404 -> "model_not_found";
            default -> status >= 500 ? "server_error" : "invalid_request_error";
        };
        body.putObject("error").put("message", message).put("type", status >= 500 ? "server_error" : "invalid_request_error")
                .putNull("param").put("code", type);
        return body.toString();
    }

    @Override
    public String models(List<ModelInfo> models) {
        ObjectNode body = JSON.createObjectNode();
        body.put("object", "list");
        ArrayNode data = body.putArray("data");
        for (ModelInfo model : models) {
            data.addObject().put("id", model.id()).put("object", "model").put("created", 1_686_935_002).put("owned_by", "openai");
        }
        return body.toString();
    }

    @Override
    public void assertAuthenticated(RecordedRequest request, String apiKey) {
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + apiKey);
    }

    @Override
    public boolean streamRequested(JsonNode body) {
        boolean stream = body.path("stream").asBoolean(false);
        if (stream) {
            assertThat(body.path("stream_options").path("include_usage").asBoolean()).as("usage asked for").isTrue();
        }
        return stream;
    }

    @Override
    public String systemPrompt(JsonNode body) {
        JsonNode first = body.path("messages").get(0);
        assertThat(first.path("role").asText()).isEqualTo("system");
        return first.path("content").asText();
    }

    @Override
    public List<String> stopSequences(JsonNode body) {
        List<String> out = new ArrayList<>();
        body.path("stop").forEach(node -> out.add(node.asText()));
        return out;
    }

    @Override
    public Integer maxTokens(JsonNode body) {
        return body.has("max_tokens") ? body.get("max_tokens").asInt() : null;
    }

    @Override
    public String firstImage(JsonNode body) {
        for (JsonNode message : body.path("messages")) {
            for (JsonNode part : message.path("content")) {
                if (part.path("type").asText().equals("image_url")) {
                    String url = part.path("image_url").path("url").asText();
                    assertThat(url).startsWith("data:");
                    return url.substring("data:".length()).replace(";base64,", ";");
                }
            }
        }
        return null;
    }

    @Override
    public List<String> offeredTools(JsonNode body) {
        List<String> names = new ArrayList<>();
        for (JsonNode tool : body.path("tools")) {
            assertThat(tool.path("type").asText()).isEqualTo("function");
            assertThat(tool.path("function").path("parameters").path("type").asText()).isEqualTo("object");
            names.add(tool.path("function").path("name").asText());
        }
        return names;
    }

    @Override
    public List<ToolCall> echoedToolCalls(JsonNode body) {
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode message : body.path("messages")) {
            if (message.path("role").asText().equals("assistant")) {
                for (JsonNode call : message.path("tool_calls")) {
                    assertThat(call.path("type").asText()).isEqualTo("function");
                    calls.add(new ToolCall(call.path("id").asText(), call.path("function").path("name").asText(),
                            call.path("function").path("arguments").asText()));
                }
            }
        }
        return calls;
    }

    @Override
    public List<ChatMessage.ToolResult> toolResults(JsonNode body) {
        List<ChatMessage.ToolResult> results = new ArrayList<>();
        for (JsonNode message : body.path("messages")) {
            if (message.path("role").asText().equals("tool")) {
                results.add(new ChatMessage.ToolResult(message.path("tool_call_id").asText(), null, message.path("content").asText()));
            }
        }
        return results;
    }

    private static String finishReason(Finish finish) {
        return switch (finish) {
            case STOP, STOP_SEQUENCE -> "stop";
            case LENGTH -> "length";
            case TOOL_CALLS -> "tool_calls";
        };
    }
}
