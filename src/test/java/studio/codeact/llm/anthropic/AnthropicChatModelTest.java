package studio.codeact.llm.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import studio.codeact.llm.ChatMessage;
import studio.codeact.llm.ChatModel;
import studio.codeact.llm.ChatModelContractTest;
import studio.codeact.llm.ChatRequest;
import studio.codeact.llm.ChatResponse;
import studio.codeact.llm.LlmException;
import studio.codeact.llm.ModelInfo;
import studio.codeact.llm.ProviderConfig;
import studio.codeact.llm.ProviderWire;
import studio.codeact.llm.RecordingHandler;
import studio.codeact.llm.ToolCall;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The provider contract over Anthropic's Messages wire format, plus what only this provider does. */
class AnthropicChatModelTest extends ChatModelContractTest {

    @Override
    protected ProviderWire wire() {
        return new AnthropicWire();
    }

    @Override
    protected ChatModel model(ProviderConfig config) {
        return new AnthropicChatModel(config);
    }

    @Test
    void maxTokensIsSentEvenWhenTheRequestHasNone() throws Exception {
        server.enqueue(sse(wire.stream(ProviderWire.Reply.text("ok"))));

        model().stream(ask("Hi"), new RecordingHandler()).response().get(5, TimeUnit.SECONDS);

        assertThat(body(take()).path("max_tokens").asInt()).isEqualTo(AnthropicChatModel.DEFAULT_MAX_TOKENS);
    }

    @Test
    void allSystemMessagesJoinTheTopLevelSystemField() throws Exception {
        server.enqueue(sse(wire.stream(ProviderWire.Reply.text("ok"))));
        ChatRequest request = ChatRequest.of("claude-x", List.of(new ChatMessage.System("You analyse data."),
                ChatMessage.User.text("Hi"), new ChatMessage.System("Answer in French.")));

        model().stream(request, new RecordingHandler()).response().get(5, TimeUnit.SECONDS);

        JsonNode body = body(take());
        assertThat(body.path("system")).hasSize(1);
        assertThat(body.path("system").get(0).path("text").asText()).isEqualTo("You analyse data.\n\nAnswer in French.");
        assertThat(body.path("messages")).hasSize(1);
    }

    @Test
    void resultsOfParallelToolCallsTravelInOneUserMessageBeforeItsText() throws Exception {
        server.enqueue(sse(wire.stream(ProviderWire.Reply.text("ok"))));
        ChatRequest request = ChatRequest.of("claude-x", List.of(
                ChatMessage.User.text("Two things"),
                new ChatMessage.Assistant("", List.of(new ToolCall("toolu_1", "execute_python", "{\"code\":\"1\"}"),
                        new ToolCall("toolu_2", "execute_python", ""))),
                new ChatMessage.ToolResult("toolu_1", "execute_python", "1"),
                new ChatMessage.ToolResult("toolu_2", "execute_python", "2"),
                ChatMessage.User.text("Now explain.")));

        model().stream(request, new RecordingHandler()).response().get(5, TimeUnit.SECONDS);

        JsonNode messages = body(take()).path("messages");
        assertThat(messages).hasSize(3);
        assertThat(messages.get(1).path("content")).hasSize(2).allSatisfy(block ->
                assertThat(block.path("type").asText()).isEqualTo("tool_use"));
        assertThat(messages.get(1).path("content").get(1).path("input").toString()).isEqualTo("{}");
        JsonNode results = messages.get(2).path("content");
        assertThat(messages.get(2).path("role").asText()).isEqualTo("user");
        assertThat(results).extracting(block -> block.path("type").asText()).containsExactly("tool_result", "tool_result", "text");
    }

    @Test
    void theModelListFollowsItsPages() throws Exception {
        server.enqueue(json(200, "{\"data\":[{\"type\":\"model\",\"id\":\"claude-a\",\"display_name\":\"Claude A\"}],"
                + "\"has_more\":true,\"first_id\":\"claude-a\",\"last_id\":\"claude-a\"}"));
        server.enqueue(json(200, wire.models(List.of(new ModelInfo("claude-b", "Claude B")))));

        List<ModelInfo> models = model().listModels();

        assertThat(models).containsExactly(new ModelInfo("claude-a", "Claude A"), new ModelInfo("claude-b", "Claude B"));
        take();
        assertThat(take().getUrl().queryParameter("after_id")).isEqualTo("claude-a");
    }

    @Test
    void thinkingCountsAsProgressButIsNotAnswerText() {
        String thinking = AnthropicWire.event("content_block_start",
                json("{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}}"))
                + AnthropicWire.event("content_block_delta",
                json("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"Let me see\"}}"))
                + AnthropicWire.event("content_block_stop", json("{\"type\":\"content_block_stop\",\"index\":0}"));
        String stream = wire.stream(ProviderWire.Reply.text("Answer")).replace("\"index\":0", "\"index\":1");
        int afterStart = stream.indexOf("event: content_block_start");
        server.enqueue(sse(stream.substring(0, afterStart) + thinking + stream.substring(afterStart)));
        RecordingHandler handler = new RecordingHandler();

        model().stream(ask("Think"), handler);

        assertThat(handler.awaitResponse().text()).isEqualTo("Answer");
    }

    @Test
    void aStreamWithAStopReasonButNoMessageStopIsIncomplete() {
        String stream = wire.stream(ProviderWire.Reply.text("Almost"));
        server.enqueue(sse(stream.substring(0, stream.indexOf("event: message_stop"))));
        RecordingHandler handler = new RecordingHandler();

        model().stream(ask("Hi"), handler);

        assertThat(handler.awaitError()).isInstanceOf(LlmException.Timeout.class).hasMessageContaining("before the answer was complete");
    }

    @Test
    void overloaded529IsRetried() {
        server.enqueue(json(529, wire.errorBody(529, "Overloaded")));
        server.enqueue(sse(wire.stream(ProviderWire.Reply.text("ok"))));
        RecordingHandler handler = new RecordingHandler();

        model().stream(ask("Hi"), handler);

        assertThat(handler.awaitResponse().text()).isEqualTo("ok");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aRateLimitErrorEventIsRateLimited() {
        server.enqueue(sse(wire.streamStart("Hi") + AnthropicWire.event("error",
                json("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Number of request tokens has exceeded your per-minute rate limit\"}}"))));
        RecordingHandler handler = new RecordingHandler();

        model().stream(ask("Hi"), handler);

        assertThat(handler.awaitError()).isInstanceOf(LlmException.RateLimited.class).hasMessageContaining("per-minute rate limit");
    }

    @Test
    void aBaseUrlEndingInV1IsNotDoubled() throws Exception {
        server.enqueue(sse(wire.stream(ProviderWire.Reply.text("ok"))));

        model(config().withBaseUrl(server.url("/v1").toString())).stream(ask("Hi"), new RecordingHandler())
                .response().get(5, TimeUnit.SECONDS);

        assertThat(take().getUrl().encodedPath()).isEqualTo("/v1/messages");
    }

    @Test
    void usageCountsCachedPromptTokens() {
        server.enqueue(json(200, "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-x\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"hi\"}],\"stop_reason\":\"end_turn\",\"stop_sequence\":null,"
                + "\"usage\":{\"input_tokens\":10,\"cache_creation_input_tokens\":100,\"cache_read_input_tokens\":1000,\"output_tokens\":3}}"));

        assertThat(model().chat(ask("Hi")).usage()).isEqualTo(new studio.codeact.llm.Usage(1110, 3, 1000, 100));
    }

    @Test
    void streamedUsageKeepsTheCacheCountsOfMessageStart() throws Exception {
        ObjectNode start = JSON.createObjectNode().put("type", "message_start");
        ObjectNode message = start.putObject("message").put("id", "msg_1").put("type", "message").put("role", "assistant")
                .put("model", "claude-x");
        message.putArray("content");
        message.putObject("usage").put("input_tokens", 12).put("cache_creation_input_tokens", 0)
                .put("cache_read_input_tokens", 2048).put("output_tokens", 1);
        ObjectNode delta = JSON.createObjectNode().put("type", "message_delta");
        delta.putObject("delta").put("stop_reason", "end_turn");
        delta.putObject("usage").put("output_tokens", 9);
        server.enqueue(sse(AnthropicWire.event("message_start", start) + AnthropicWire.event("message_delta", delta)
                + AnthropicWire.event("message_stop", JSON.createObjectNode().put("type", "message_stop"))));

        ChatResponse response = model().stream(ask("Hi"), new RecordingHandler()).response().get(5, TimeUnit.SECONDS);

        assertThat(response.usage()).isEqualTo(new studio.codeact.llm.Usage(2060, 9, 2048, 0));
    }

    @Test
    void theSystemPromptAndTheGrowingConversationCarryCacheBreakpoints() throws Exception {
        server.enqueue(sse(wire.stream(ProviderWire.Reply.text("ok"))));
        ChatRequest request = ChatRequest.of("claude-x", List.of(new ChatMessage.System("You analyse data."),
                ChatMessage.User.text("What is in df?"),
                ChatMessage.Assistant.text("<execute>\ndf.head()\n</execute>"),
                ChatMessage.User.text("Observation:\n   a  b\n0  1  2"),
                ChatMessage.Assistant.text("<execute>\ndf.describe()\n</execute>"),
                ChatMessage.User.text("Observation:\ncount 3")));

        model().stream(request, new RecordingHandler()).response().get(5, TimeUnit.SECONDS);

        JsonNode body = body(take());
        assertThat(body.path("system").get(0).path("cache_control").path("type").asText()).isEqualTo("ephemeral");
        JsonNode messages = body.path("messages");
        List<Integer> marked = new java.util.ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode blocks = messages.get(i).path("content");
            for (int b = 0; b < blocks.size(); b++) {
                if (blocks.get(b).has("cache_control")) {
                    assertThat(b).as("the breakpoint ends its message").isEqualTo(blocks.size() - 1);
                    marked.add(i);
                }
            }
        }
        // The message that ended the previous request (read from the cache now) and the last one (cached for the next turn).
        assertThat(marked).containsExactly(2, 4);
        assertThat(body.toString().split("\"cache_control\"", -1).length - 1)
                .isLessThanOrEqualTo(studio.codeact.llm.anthropic.internal.RequestMapper.MAX_CACHE_BREAKPOINTS);
    }

    @Test
    void aFirstQuestionGetsBreakpointsOnTheSystemPromptAndItself() throws Exception {
        server.enqueue(sse(wire.stream(ProviderWire.Reply.text("ok"))));

        model().stream(ChatRequest.of("claude-x", List.of(new ChatMessage.System("You analyse data."), ChatMessage.User.text("Hi"))),
                new RecordingHandler()).response().get(5, TimeUnit.SECONDS);

        JsonNode body = body(take());
        assertThat(body.path("system").get(0).path("cache_control").path("type").asText()).isEqualTo("ephemeral");
        assertThat(body.path("messages").get(0).path("content").get(0).path("cache_control").path("type").asText()).isEqualTo("ephemeral");
        assertThat(body.toString().split("\"cache_control\"", -1).length - 1).isEqualTo(2);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
