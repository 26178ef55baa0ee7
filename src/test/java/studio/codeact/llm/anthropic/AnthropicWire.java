package studio.codeact.llm.anthropic;

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

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Messages API wire format as Anthropic sends it. */
final class AnthropicWire implements ProviderWire {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Provider provider() {
        return Provider.ANTHROPIC;
    }

    @Override
    public String baseUrl(MockWebServer server) {
        return server.url("/").toString();
    }

    @Override
    public String chatPath() {
        return "/v1/messages";
    }

    @Override
    public String modelsPath() {
        return "/v1/models";
    }

    static String event(String type, JsonNode data) {
        return "event: " + type + "\ndata: " + data + "\n\n";
    }

    private static ObjectNode typed(String type) {
        return JSON.createObjectNode().put("type", type);
    }

    private List<String> events(Reply reply) {
        List<String> events = new ArrayList<>();
        ObjectNode start = typed("message_start");
        ObjectNode message = start.putObject("message");
        message.put("id", "msg_01XFDUDYJgAACzvnptvVoYEL").put("type", "message").put("role", "assistant");
        message.putArray("content");
        message.put("model", reply.model()).putNull("stop_reason");
        message.putNull("stop_sequence");
        message.putObject("usage").put("input_tokens", reply.promptTokens()).put("output_tokens", 1);
        events.add(event("message_start", start));
        int block = 0;
        if (!reply.deltas().isEmpty()) {
            ObjectNode blockStart = typed("content_block_start").put("index", block);
            blockStart.putObject("content_block").put("type", "text").put("text", "");
            events.add(event("content_block_start", blockStart));
            events.add(keepAlive());
            for (String delta : reply.deltas()) {
                ObjectNode event = typed("content_block_delta").put("index", block);
                event.putObject("delta").put("type", "text_delta").put("text", delta);
                events.add(event("content_block_delta", event));
            }
            events.add(event("content_block_stop", typed("content_block_stop").put("index", block)));
            block++;
        }
        for (Call call : reply.calls()) {
            ObjectNode blockStart = typed("content_block_start").put("index", block);
            blockStart.putObject("content_block").put("type", "tool_use").put("id", call.id()).put("name", call.name()).putObject("input");
            events.add(event("content_block_start", blockStart));
            ObjectNode empty = typed("content_block_delta").put("index", block);
            empty.putObject("delta").put("type", "input_json_delta").put("partial_json", "");
            events.add(event("content_block_delta", empty));
            for (String piece : call.argumentPieces()) {
                ObjectNode event = typed("content_block_delta").put("index", block);
                event.putObject("delta").put("type", "input_json_delta").put("partial_json", piece);
                events.add(event("content_block_delta", event));
            }
            events.add(event("content_block_stop", typed("content_block_stop").put("index", block)));
            block++;
        }
        return events;
    }

    @Override
    public String stream(Reply reply) {
        List<String> events = events(reply);
        ObjectNode delta = typed("message_delta");
        ObjectNode inner = delta.putObject("delta").put("stop_reason", stopReason(reply.finish()));
        if (reply.finish() == Finish.STOP_SEQUENCE) {
            inner.put("stop_sequence", reply.stopSequence());
        } else {
            inner.putNull("stop_sequence");
        }
        delta.putObject("usage").put("output_tokens", reply.completionTokens());
        events.add(event("message_delta", delta));
        events.add(event("message_stop", typed("message_stop")));
        return String.join("", events);
    }

    @Override
    public String streamWithoutEnd(Reply reply) {
        return String.join("", events(reply));
    }

    @Override
    public String streamStart(String firstDelta) {
        List<String> events = events(Reply.text(firstDelta));
        return String.join("", events.subList(0, events.size() - 1));   // the text block stays open
    }

    @Override
    public String errorEvent(String message) {
        ObjectNode error = typed("error");
        error.putObject("error").put("type", "overloaded_error").put("message", message);
        return event("error", error);
    }

    @Override
    public String keepAlive() {
        return "event: ping\ndata: {\"type\": \"ping\"}\n\n";
    }

    @Override
    public String plain(Reply reply) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", "msg_01XFDUDYJgAACzvnptvVoYEL").put("type", "message").put("role", "assistant").put("model", reply.model());
        ArrayNode content = body.putArray("content");
        if (!reply.deltas().isEmpty()) {
            content.addObject().put("type", "text").put("text", reply.joined());
        }
        for (Call call : reply.calls()) {
            ObjectNode block = content.addObject().put("type", "tool_use").put("id", call.id()).put("name", call.name());
            try {
                block.set("input", JSON.readTree(call.arguments()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        body.put("stop_reason", stopReason(reply.finish()));
        if (reply.finish() == Finish.STOP_SEQUENCE) {
            body.put("stop_sequence", reply.stopSequence());
        } else {
            body.putNull("stop_sequence");
        }
        body.putObject("usage").put("input_tokens", reply.promptTokens()).put("output_tokens", reply.completionTokens());
        return body.toString();
    }

    @Override
    public String errorBody(int status, String message) {
        String type = switch (status) {
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 429 -> "rate_limit_error";
            case 529 -> "overloaded_error";
            default -> "api_error";
        };
        ObjectNode body = typed("error");
        body.putObject("error").put("type", type).put("message", message);
        return body.toString();
    }

    @Override
    public String models(List<ModelInfo> models) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode data = body.putArray("data");
        for (ModelInfo model : models) {
            data.addObject().put("type", "model").put("id", model.id()).put("display_name", model.displayName())
                    .put("created_at", "2025-02-19T00:00:00Z");
        }
        body.put("has_more", false);
        body.put("first_id", models.isEmpty() ? null : models.getFirst().id());
        body.put("last_id", models.isEmpty() ? null : models.getLast().id());
        return body.toString();
    }

    @Override
    public void assertAuthenticated(RecordedRequest request, String apiKey) {
        assertThat(request.getHeaders().get("x-api-key")).isEqualTo(apiKey);
        assertThat(request.getHeaders().get("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(request.getHeaders().get("Authorization")).isNull();
    }

    @Override
    public boolean streamRequested(JsonNode body) {
        return body.path("stream").asBoolean(false);
    }

    @Override
    public String systemPrompt(JsonNode body) {
        for (JsonNode message : body.path("messages")) {
            assertThat(message.path("role").asText()).isIn("user", "assistant");
        }
        JsonNode system = body.path("system");
        if (system.isTextual()) {
            return system.asText();
        }
        StringBuilder text = new StringBuilder();
        system.forEach(block -> text.append(block.path("text").asText()));
        return text.toString();
    }

    @Override
    public List<String> stopSequences(JsonNode body) {
        List<String> out = new ArrayList<>();
        body.path("stop_sequences").forEach(node -> out.add(node.asText()));
        return out;
    }

    @Override
    public Integer maxTokens(JsonNode body) {
        return body.has("max_tokens") ? body.get("max_tokens").asInt() : null;
    }

    @Override
    public String firstImage(JsonNode body) {
        for (JsonNode message : body.path("messages")) {
            for (JsonNode block : message.path("content")) {
                if (block.path("type").asText().equals("image")) {
                    JsonNode source = block.path("source");
                    assertThat(source.path("type").asText()).isEqualTo("base64");
                    return source.path("media_type").asText() + ";" + source.path("data").asText();
                }
            }
        }
        return null;
    }

    @Override
    public List<String> offeredTools(JsonNode body) {
        List<String> names = new ArrayList<>();
        for (JsonNode tool : body.path("tools")) {
            assertThat(tool.path("input_schema").path("type").asText()).isEqualTo("object");
            names.add(tool.path("name").asText());
        }
        return names;
    }

    @Override
    public List<ToolCall> echoedToolCalls(JsonNode body) {
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode message : body.path("messages")) {
            if (message.path("role").asText().equals("assistant")) {
                for (JsonNode block : message.path("content")) {
                    if (block.path("type").asText().equals("tool_use")) {
                        assertThat(block.path("input").isObject()).isTrue();
                        calls.add(new ToolCall(block.path("id").asText(), block.path("name").asText(), block.path("input").toString()));
                    }
                }
            }
        }
        return calls;
    }

    @Override
    public List<ChatMessage.ToolResult> toolResults(JsonNode body) {
        List<ChatMessage.ToolResult> results = new ArrayList<>();
        for (JsonNode message : body.path("messages")) {
            for (JsonNode block : message.path("content")) {
                if (block.path("type").asText().equals("tool_result")) {
                    assertThat(message.path("role").asText()).isEqualTo("user");
                    results.add(new ChatMessage.ToolResult(block.path("tool_use_id").asText(), null, block.path("content").asText()));
                }
            }
        }
        return results;
    }

    private static String stopReason(Finish finish) {
        return switch (finish) {
            case STOP -> "end_turn";
            case LENGTH -> "max_tokens";
            case STOP_SEQUENCE -> "stop_sequence";
            case TOOL_CALLS -> "tool_use";
        };
    }
}
