package studio.codeact.llm.openai.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import studio.codeact.llm.ChatMessage;
import studio.codeact.llm.ChatRequest;
import studio.codeact.llm.ToolCall;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RequestMapperTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ChatRequest request() {
        return ChatRequest.of("gpt-x", List.of(ChatMessage.User.text("Hi"),
                new ChatMessage.Assistant("", List.of(new ToolCall("call_1", "execute_python", "{\"code\":\"1\"}"))),
                new ChatMessage.ToolResult("call_1", "execute_python", "1"))).withMaxTokens(100);
    }

    @Test
    void openAiItselfGetsMaxCompletionTokens() throws Exception {
        JsonNode body = JSON.readTree(new RequestMapper(true).toJson(request(), true));

        assertThat(body.path("max_completion_tokens").asInt()).isEqualTo(100);
        assertThat(body.has("max_tokens")).isFalse();
    }

    @Test
    void compatibleServersGetMaxTokens() throws Exception {
        JsonNode body = JSON.readTree(new RequestMapper(false).toJson(request(), false));

        assertThat(body.path("max_tokens").asInt()).isEqualTo(100);
        assertThat(body.has("max_completion_tokens")).isFalse();
        assertThat(body.has("stream_options")).isFalse();
    }

    @Test
    void plainUserTextIsAStringAndAToolCallingAssistantHasNoContent() throws Exception {
        JsonNode messages = JSON.readTree(new RequestMapper(false).toJson(request(), true)).path("messages");

        assertThat(messages.get(0).path("content").isTextual()).isTrue();
        assertThat(messages.get(1).has("content")).isFalse();
        assertThat(messages.get(1).path("tool_calls").get(0).path("function").path("arguments").asText()).isEqualTo("{\"code\":\"1\"}");
        assertThat(messages.get(2).path("role").asText()).isEqualTo("tool");
        assertThat(messages.get(2).path("tool_call_id").asText()).isEqualTo("call_1");
    }
}
