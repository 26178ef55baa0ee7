package studio.codeact.llm.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import studio.codeact.llm.ChatModel;
import studio.codeact.llm.ChatModelContractTest;
import studio.codeact.llm.ChatResponse;
import studio.codeact.llm.FinishReason;
import studio.codeact.llm.LlmException;
import studio.codeact.llm.ProviderConfig;
import studio.codeact.llm.ProviderWire;
import studio.codeact.llm.RecordingHandler;
import studio.codeact.llm.ScriptedBody;
import studio.codeact.llm.Timeouts;
import studio.codeact.llm.ToolCall;
import studio.codeact.llm.Usage;

import java.util.List;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The provider contract over OpenAI's Chat Completions wire format, plus what only this provider does. */
class OpenAiChatModelTest extends ChatModelContractTest {

    @Override
    protected ProviderWire wire() {
        return new OpenAiWire();
    }

    @Override
    protected ChatModel model(ProviderConfig config) {
        return new OpenAiChatModel(config);
    }

    @Test
    void aServerThatIgnoresStreamingAndSendsJsonStillAnswers() {
        server.enqueue(json(200, wire.plain(ProviderWire.Reply.text("Whole answer."))));
        RecordingHandler handler = new RecordingHandler();

        model().stream(ask("Hi"), handler);

        assertThat(handler.awaitResponse().text()).isEqualTo("Whole answer.");
        assertThat(handler.textDeltas).containsExactly("Whole answer.");
    }

    @Test
    void theBodyNotItsContentTypeDecidesHowAStreamIsRead() {
        server.enqueue(json(200, wire.stream(ProviderWire.Reply.text("events ", "labelled json"))));
        server.enqueue(sse("\n" + wire.plain(ProviderWire.Reply.text("json labelled events"))));
        RecordingHandler first = new RecordingHandler();
        RecordingHandler second = new RecordingHandler();

        model().stream(ask("1"), first);
        assertThat(first.awaitResponse().text()).isEqualTo("events labelled json");
        model().stream(ask("2"), second);
        assertThat(second.awaitResponse().text()).isEqualTo("json labelled events");
    }

    @Test
    void aStreamWithAFinishReasonButNoDoneMarkerIsComplete() {
        String stream = wire.stream(ProviderWire.Reply.text("Done ", "early")).replace("data: [DONE]\n\n", "");
        server.enqueue(sse(stream));
        RecordingHandler handler = new RecordingHandler();

        model().stream(ask("Hi"), handler);

        ChatResponse response = handler.awaitResponse();
        assertThat(response.text()).isEqualTo("Done early");
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
    }

    @Test
    void openAiSaysOnlyStopForAStopSequence() {
        server.enqueue(sse(wire.stream(ProviderWire.Reply.text("<execute>x=1"))));
        RecordingHandler handler = new RecordingHandler();

        model().stream(ask("Go").withStop(List.of("</execute>")), handler);

        assertThat(handler.awaitResponse().finishReason()).isEqualTo(FinishReason.STOP);
    }

    @Test
    void wholeToolCallsWithoutAnIndexStayApart() {
        ObjectNode first = OpenAiWire.chunk("llama3.1");
        OpenAiWire.choice(first).putObject("delta").put("role", "assistant").putArray("tool_calls").addObject()
                .put("id", "call_1").put("type", "function").putObject("function").put("name", "execute_python")
                .put("arguments", "{\"code\":\"1\"}");
        ObjectNode second = OpenAiWire.chunk("llama3.1");
        OpenAiWire.choice(second).putObject("delta").putArray("tool_calls").addObject()
                .put("id", "call_2").put("type", "function").putObject("function").put("name", "execute_python")
                .putObject("arguments").put("code", "2");
        ObjectNode last = OpenAiWire.chunk("llama3.1");
        OpenAiWire.choice(last).put("finish_reason", "stop").putObject("delta");
        server.enqueue(sse(OpenAiWire.data(first) + OpenAiWire.data(second) + OpenAiWire.data(last) + "data: [DONE]\n\n"));
        RecordingHandler handler = new RecordingHandler();

        model().stream(ask("Run"), handler);

        ChatResponse response = handler.awaitResponse();
        assertThat(response.toolCalls()).containsExactly(
                new ToolCall("call_1", "execute_python", "{\"code\":\"1\"}"),
                new ToolCall("call_2", "execute_python", "{\"code\":\"2\"}"));
        assertThat(response.finishReason()).as("a server saying stop while calling tools").isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(response.usage().promptTokens()).isEqualTo(-1);
    }

    @Test
    void reasoningTokensCountForTheFirstTokenLimit() {
        ScriptedBody body = new ScriptedBody();
        for (int i = 0; i < 6; i++) {
            ObjectNode thinking = OpenAiWire.chunk("deepseek-r1");
            OpenAiWire.choice(thinking).putObject("delta").put("reasoning_content", "hmm " + i);
            body.write(OpenAiWire.data(thinking)).pause(100);
        }
        body.write(wire.stream(ProviderWire.Reply.text("42")));
        server.enqueue(scripted(body));
        ProviderConfig config = config().withTimeouts(new Timeouts(ofSeconds(2), ofMillis(300), ofMillis(300)));
        RecordingHandler handler = new RecordingHandler();

        model(config).stream(ask("Think"), handler);

        assertThat(handler.awaitResponse().text()).isEqualTo("42");
    }

    @Test
    void cachedPromptTokensAreReadFromTheUsageChunk() {
        ObjectNode text = OpenAiWire.chunk("gpt-4o-mini");
        OpenAiWire.choice(text).put("finish_reason", "stop").putObject("delta").put("content", "ok");
        ObjectNode usage = OpenAiWire.chunk("gpt-4o-mini");
        usage.putArray("choices");
        usage.putObject("usage").put("prompt_tokens", 2300).put("completion_tokens", 40)
                .putObject("prompt_tokens_details").put("cached_tokens", 2048);
        server.enqueue(sse(OpenAiWire.data(text) + OpenAiWire.data(usage) + "data: [DONE]\n\n"));
        RecordingHandler handler = new RecordingHandler();

        model().stream(ask("Hi"), handler);

        assertThat(handler.awaitResponse().usage()).isEqualTo(new Usage(2300, 40, 2048, -1));
    }

    @Test
    void deepSeekCacheHitsCountAsCachedPromptTokens() {
        server.enqueue(json(200, "{\"id\":\"c1\",\"model\":\"deepseek-chat\",\"choices\":[{\"index\":0,\"message\":"
                + "{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":900,"
                + "\"completion_tokens\":5,\"prompt_cache_hit_tokens\":640,\"prompt_cache_miss_tokens\":260}}"));

        assertThat(model().chat(ask("Hi")).usage()).isEqualTo(new Usage(900, 5, 640, -1));
    }

    @Test
    void anErrorStringFromOllamaIsQuoted() {
        server.enqueue(json(404, "{\"error\":\"model \\\"qwen9\\\" not found, try pulling it first\"}"));

        Throwable error = catchThrowable(() -> model().chat(ask("Hi")));

        assertThat(error).isInstanceOf(LlmException.ModelNotFound.class)
                .hasMessageContaining("model \"qwen9\" not found, try pulling it first");
    }

    @Test
    void anExhaustedQuotaIsNotRetried() {
        server.enqueue(json(429, "{\"error\":{\"message\":\"You exceeded your current quota.\",\"type\":\"insufficient_quota\","
                + "\"param\":null,\"code\":\"insufficient_quota\"}}"));

        Throwable error = catchThrowable(() -> model().chat(ask("Hi")));

        assertThat(error).isInstanceOf(LlmException.RateLimited.class).hasMessageContaining("quota is used up");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void anErrorEventTypeInTheStreamIsTyped() {
        server.enqueue(sse(wire.streamStart("Hi") + "event: error\ndata: {\"error\":{\"message\":\"Rate limit\",\"code\":\"rate_limit_exceeded\"}}\n\n"));
        RecordingHandler handler = new RecordingHandler();

        model().stream(ask("Hi"), handler);

        assertThat(handler.awaitError()).isInstanceOf(LlmException.RateLimited.class).hasMessageContaining("Rate limit");
    }

    @Test
    void streamsAskForAnUncompressedEventStream() throws Exception {
        server.enqueue(sse(wire.stream(ProviderWire.Reply.text("ok"))));

        model().stream(ask("Hi"), new RecordingHandler()).response().get();

        var request = take();
        assertThat(request.getHeaders().get("Accept")).isEqualTo("text/event-stream");
        assertThat(request.getHeaders().get("Accept-Encoding")).isEqualTo("identity");
    }

    @Test
    void aBaseUrlWithoutSchemeIsRefusedWithAClearMessage() {
        Throwable error = catchThrowable(() -> new OpenAiChatModel(config().withBaseUrl("localhost:11434/v1")));

        assertThat(error).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("localhost:11434/v1")
                .hasMessageContaining("Settings → Model");
    }

    @Test
    void aToolSchemaThatIsNotJsonIsRefusedBeforeSending() {
        Throwable error = catchThrowable(() -> model().stream(ask("Hi").withTools(List.of(
                new studio.codeact.llm.ToolSpec("execute_python", "Run code", "{not json"))), new RecordingHandler()));

        assertThat(error).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("execute_python");
        assertThat(server.getRequestCount()).isZero();
    }
}
