package studio.codeact.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * What every {@link ChatModel} provider must do, checked against a real HTTP server on loopback
 * speaking that provider's exact wire format (supplied by the subclass's {@link ProviderWire}).
 */
public abstract class ChatModelContractTest {

    protected static final String KEY = "sk-test-SECRET-0123456789";
    protected static final ObjectMapper JSON = new ObjectMapper();

    protected MockWebServer server;
    protected ProviderWire wire;
    private final List<ScriptedBody> bodies = new ArrayList<>();

    /** The provider's wire format. */
    protected abstract ProviderWire wire();

    /** The provider's model for {@code config}. */
    protected abstract ChatModel model(ProviderConfig config);

    @BeforeEach
    void startServer() throws IOException {
        server = new MockWebServer();
        server.start(InetAddress.getLoopbackAddress(), 0);
        wire = wire();
    }

    @AfterEach
    void stopServer() {
        bodies.forEach(ScriptedBody::release);
        server.close();
    }

    // ------------------------------------------------------------------ helpers

    protected ProviderConfig config() {
        return ProviderConfig.of(wire.provider())
                .withBaseUrl(wire.baseUrl(server))
                .withApiKey(KEY)
                .withTimeouts(new Timeouts(ofSeconds(2), ofSeconds(5), ofSeconds(5)))
                .withRetry(new RetryPolicy(2, ofMillis(10), ofSeconds(3)));
    }

    protected ChatModel model() {
        return model(config());
    }

    protected static ChatRequest ask(String question) {
        return ChatRequest.of("test-model-1", List.of(new ChatMessage.System("You are terse."), ChatMessage.User.text(question)));
    }

    protected static MockResponse sse(String body) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "text/event-stream").body(body).build();
    }

    protected static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    protected MockResponse scripted(ScriptedBody body) {
        bodies.add(body);
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "text/event-stream").body(body).build();
    }

    protected RecordedRequest take() throws InterruptedException {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).as("a request reached the server").isNotNull();
        return request;
    }

    protected static JsonNode body(RecordedRequest request) throws IOException {
        return JSON.readTree(request.getBody().utf8());
    }

    private static <T extends LlmException> T chatFails(ChatModel model, ChatRequest request, Class<T> type) {
        Throwable thrown = catchThrowable(() -> model.chat(request));
        assertThat(thrown).isInstanceOf(type);
        return type.cast(thrown);
    }

    private void assertActionable(LlmException error) {
        assertThat(error.getMessage())
                .contains(wire.baseUrl(server).replaceAll("/$", ""))
                .doesNotContain(KEY);
    }

    // ------------------------------------------------------------------ answers

    @Test
    void streamsTextDeltasOnTheCallThreadThenTheWholeResponse() throws Exception {
        server.enqueue(sse(wire.stream(ProviderWire.Reply.text("The mean ", "is ", "4.2 — ", "über ✓"))));
        RecordingHandler handler = new RecordingHandler();

        ChatCall call = model().stream(ask("What is the mean?"), handler);
        ChatResponse response = handler.awaitResponse();

        assertThat(handler.textDeltas).containsExactly("The mean ", "is ", "4.2 — ", "über ✓");
        assertThat(response.text()).isEqualTo("The mean is 4.2 — über ✓");
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(response.usage()).isEqualTo(new Usage(11, 7));
        assertThat(response.model()).isEqualTo("test-model-1");
        assertThat(response.toolCalls()).isEmpty();
        assertThat(call.response().get(1, TimeUnit.SECONDS)).isEqualTo(response);
        assertThat(handler.threads).doesNotContain(Thread.currentThread().getName()).hasSize(5);
        assertThat(handler.threads.stream().distinct()).hasSize(1);
        assertThat(handler.endings).hasValue(1);
        assertThat(wire.streamRequested(body(take()))).isTrue();
    }

    @Test
    void plainChatReturnsTheWholeAnswerWithUsage() throws Exception {
        server.enqueue(json(200, wire.plain(ProviderWire.Reply.text("Forty-two."))));

        ChatResponse response = model().chat(ask("Answer?"));

        assertThat(response.text()).isEqualTo("Forty-two.");
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(response.usage()).isEqualTo(new Usage(11, 7));
        assertThat(response.model()).isEqualTo("test-model-1");
        assertThat(wire.streamRequested(body(take()))).isFalse();
    }

    @Test
    void requestCarriesModelPromptParametersAndKey() throws Exception {
        server.enqueue(sse(wire.stream(ProviderWire.Reply.text("ok"))));
        ChatRequest request = ask("Describe df.").withTemperature(0.25).withMaxTokens(321);

        model().stream(request, new RecordingHandler()).response().get(5, TimeUnit.SECONDS);

        RecordedRequest recorded = take();
        assertThat(recorded.getMethod()).isEqualTo("POST");
        assertThat(recorded.getUrl().encodedPath()).isEqualTo(wire.chatPath());
        wire.assertAuthenticated(recorded, KEY);
        JsonNode body = body(recorded);
        assertThat(body.path("model").asText()).isEqualTo("test-model-1");
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.25);
        assertThat(wire.maxTokens(body)).isEqualTo(321);
        assertThat(wire.systemPrompt(body)).isEqualTo("You are terse.");
        assertThat(body.toString()).contains("Describe df.");
    }

    @Test
    void stopSequencesAreSentAndReportedWhenTheServerSaysWhichOneStopped() throws Exception {
        server.enqueue(sse(wire.stream(ProviderWire.Reply.text("<execute>print(1)")
                .finishing(ProviderWire.Finish.STOP_SEQUENCE, "</execute>"))));
        RecordingHandler handler = new RecordingHandler();

        model().stream(ask("Go").withStop(List.of("</execute>", "Observation:")), handler);
        ChatResponse response = handler.awaitResponse();

        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP_SEQUENCE);
        assertThat(response.text()).isEqualTo("<execute>print(1)");
        assertThat(wire.stopSequences(body(take()))).containsExactly("</execute>", "Observation:");
    }

    @Test
    void hittingTheTokenLimitIsReportedAsLength() {
        server.enqueue(sse(wire.stream(ProviderWire.Reply.text("cut of").finishing(ProviderWire.Finish.LENGTH, null))));
        RecordingHandler handler = new RecordingHandler();

        model().stream(ask("Long essay").withMaxTokens(2), handler);

        assertThat(handler.awaitResponse().finishReason()).isEqualTo(FinishReason.LENGTH);
    }

    @Test
    void imagesAreSentInTheRequestBody() throws Exception {
        server.enqueue(sse(wire.stream(ProviderWire.Reply.text("A bar chart."))));
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        ChatRequest request = ChatRequest.of("test-model-1", List.of(new ChatMessage.User(List.of(
                new ChatMessage.Content.Text("What does this figure show?"),
                new ChatMessage.Content.Image(png, "image/png")))));

        model().stream(request, new RecordingHandler()).response().get(5, TimeUnit.SECONDS);

        JsonNode body = body(take());
        assertThat(wire.firstImage(body)).isEqualTo("image/png;" + Base64.getEncoder().encodeToString(png));
        assertThat(body.toString()).contains("What does this figure show?");
    }

    // ------------------------------------------------------------------ tools

    @Test
    void streamedToolCallArgumentsAreAssembledInOrder() throws Exception {
        ProviderWire.Reply reply = ProviderWire.Reply.text("Let me run it.").calling(
                new ProviderWire.Call("call_a1", "execute_python", List.of("{\"co", "de\": \"print(", "df.shape)\"}")),
                new ProviderWire.Call("call_b2", "execute_python", List.of("{\"code\"", ": \"1+1\"}")));
        server.enqueue(sse(wire.stream(reply)));
        RecordingHandler handler = new RecordingHandler();
        ToolSpec tool = new ToolSpec("execute_python", "Run Python code in the session's kernel.",
                "{\"type\":\"object\",\"properties\":{\"code\":{\"type\":\"string\"}},\"required\":[\"code\"]}");

        model().stream(ask("Shape?").withTools(List.of(tool)), handler);
        ChatResponse response = handler.awaitResponse();

        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(response.text()).isEqualTo("Let me run it.");
        assertThat(response.toolCalls()).containsExactly(
                new ToolCall("call_a1", "execute_python", "{\"code\": \"print(df.shape)\"}"),
                new ToolCall("call_b2", "execute_python", "{\"code\": \"1+1\"}"));
        assertThat(handler.toolDeltas).allSatisfy(delta -> assertThat(delta.name()).isEqualTo("execute_python"));
        assertThat(handler.toolDeltas.stream().filter(d -> d.index() == 0).map(RecordingHandler.ToolDelta::argumentsDelta))
                .containsSubsequence("{\"co", "de\": \"print(", "df.shape)\"}");
        assertThat(handler.toolDeltas.stream().filter(d -> d.index() == 1).map(RecordingHandler.ToolDelta::id).distinct())
                .containsExactly("call_b2");
        assertThat(wire.offeredTools(body(take()))).containsExactly("execute_python");
    }

    @Test
    void plainChatReturnsToolCalls() {
        server.enqueue(json(200, wire.plain(ProviderWire.Reply.text().calling(
                new ProviderWire.Call("call_9", "execute_python", List.of("{\"code\":\"df.head()\"}"))))));

        ChatResponse response = model().chat(ask("Head?"));

        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(response.toolCalls()).hasSize(1);
        ToolCall call = response.toolCalls().getFirst();
        assertThat(call.id()).isEqualTo("call_9");
        assertThat(call.name()).isEqualTo("execute_python");
        assertThat(call.argumentsJson()).isEqualToIgnoringWhitespace("{\"code\":\"df.head()\"}");
    }

    @Test
    void toolCallsAndTheirResultsAreSentBack() throws Exception {
        server.enqueue(sse(wire.stream(ProviderWire.Reply.text("The shape is (3, 2)."))));
        ToolCall made = new ToolCall("call_a1", "execute_python", "{\"code\":\"print(df.shape)\"}");
        ChatRequest request = ChatRequest.of("test-model-1", List.of(
                new ChatMessage.System("You are terse."),
                ChatMessage.User.text("Shape?"),
                new ChatMessage.Assistant("Let me run it.", List.of(made)),
                new ChatMessage.ToolResult("call_a1", "execute_python", "(3, 2)")));

        model().stream(request, new RecordingHandler()).response().get(5, TimeUnit.SECONDS);

        JsonNode body = body(take());
        List<ToolCall> echoed = wire.echoedToolCalls(body);
        assertThat(echoed).hasSize(1);
        assertThat(echoed.getFirst().id()).isEqualTo("call_a1");
        assertThat(echoed.getFirst().name()).isEqualTo("execute_python");
        assertThat(JSON.readTree(echoed.getFirst().argumentsJson())).isEqualTo(JSON.readTree(made.argumentsJson()));
        assertThat(wire.toolResults(body)).containsExactly(new ChatMessage.ToolResult("call_a1", null, "(3, 2)"));
    }

    // ------------------------------------------------------------------ model list

    @Test
    void listsTheModelsTheServerOffers() throws Exception {
        List<ModelInfo> offered = List.of(new ModelInfo("model-a", "Model A"), new ModelInfo("model-b", "Model B"));
        server.enqueue(json(200, wire.models(offered)));

        List<ModelInfo> models = model().listModels();

        assertThat(models).extracting(ModelInfo::id).containsExactly("model-a", "model-b");
        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getUrl().encodedPath()).isEqualTo(wire.modelsPath());
        wire.assertAuthenticated(request, KEY);
    }

    // ------------------------------------------------------------------ awkward streams

    @Test
    void eventsSplitAtAwkwardByteBoundariesStillParse() {
        String stream = wire.stream(ProviderWire.Reply.text("Grüße ", "🙂 ", "naïve ", "値"));
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/event-stream")
                .body(new Buffer().writeUtf8(stream))
                .throttleBody(3, 1, TimeUnit.MILLISECONDS)
                .build());
        RecordingHandler handler = new RecordingHandler();

        model().stream(ask("Greet"), handler);

        assertThat(handler.awaitResponse().text()).isEqualTo("Grüße 🙂 naïve 値");
        assertThat(handler.textDeltas).containsExactly("Grüße ", "🙂 ", "naïve ", "値");
    }

    @Test
    void eventsWithCrLfLineEndsAndSplitIntoTinyChunksStillParse() {
        String stream = wire.stream(ProviderWire.Reply.text("a", "b", "c")).replace("\n", "\r\n");
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/event-stream")
                .chunkedBody(stream, 5).build());
        RecordingHandler handler = new RecordingHandler();

        model().stream(ask("abc"), handler);

        assertThat(handler.awaitResponse().text()).isEqualTo("abc");
    }

    @Test
    void commentAndKeepAliveLinesAreIgnored() {
        String stream = wire.stream(ProviderWire.Reply.text("one ", "two"));
        String withKeepAlives = ": connected\n\n" + stream.replace("\n\n", "\n\n" + wire.keepAlive() + ": keep-alive\n\n");
        server.enqueue(sse(withKeepAlives));
        RecordingHandler handler = new RecordingHandler();

        model().stream(ask("Count"), handler);

        assertThat(handler.awaitResponse().text()).isEqualTo("one two");
    }

    // ------------------------------------------------------------------ retries

    @Test
    void rateLimitIsRetriedAfterTheSecondsInRetryAfter() throws Exception {
        server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "1")
                .setHeader("Content-Type", "application/json").body(wire.errorBody(429, "Slow down")).build());
        server.enqueue(sse(wire.stream(ProviderWire.Reply.text("fine"))));
        RecordingHandler handler = new RecordingHandler();

        long started = System.nanoTime();
        model().stream(ask("Hi"), handler);
        ChatResponse response = handler.awaitResponse();
        long waitedMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(response.text()).isEqualTo("fine");
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(waitedMillis).as("waited for Retry-After: 1").isGreaterThanOrEqualTo(950);
    }

    @Test
    void serverErrorIsRetriedAfterTheHttpDateInRetryAfter() {
        String inTwoSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2));
        server.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", inTwoSeconds)
                .setHeader("Content-Type", "application/json").body(wire.errorBody(503, "Overloaded")).build());
        server.enqueue(json(200, wire.plain(ProviderWire.Reply.text("back"))));

        long started = System.nanoTime();
        ChatResponse response = model().chat(ask("Hi"));
        long waitedMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(response.text()).isEqualTo("back");
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(waitedMillis).as("waited until the Retry-After date (second precision)").isGreaterThanOrEqualTo(950);
    }

    @Test
    void serverErrorsWithoutRetryAfterBackOffAndRetry() {
        server.enqueue(json(500, wire.errorBody(500, "boom")));
        server.enqueue(json(502, "<html>bad gateway</html>"));
        server.enqueue(sse(wire.stream(ProviderWire.Reply.text("third time"))));
        RecordingHandler handler = new RecordingHandler();

        model().stream(ask("Hi"), handler);

        assertThat(handler.awaitResponse().text()).isEqualTo("third time");
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(handler.textDeltas).containsExactly("third time");
    }

    @Test
    void rateLimitStillFailingAfterAllRetriesIsRateLimited() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(json(429, wire.errorBody(429, "Rate limit reached for requests")));
        }
        RecordingHandler handler = new RecordingHandler();

        model().stream(ask("Hi"), handler);
        LlmException error = handler.awaitError();

        assertThat(error).isInstanceOf(LlmException.RateLimited.class);
        assertThat(error.retriable()).isTrue();
        assertThat(error.getMessage()).contains("429", "Rate limit reached for requests", "2 retries");
        assertActionable(error);
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(handler.endings).hasValue(1);
    }

    @Test
    void serverErrorStillFailingAfterAllRetriesIsServerError() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(json(500, wire.errorBody(500, "Internal failure")));
        }

        LlmException.ServerError error = chatFails(model(), ask("Hi"), LlmException.ServerError.class);

        assertThat(error.status()).isEqualTo(500);
        assertThat(error.getMessage()).contains("Internal failure", "try again later");
        assertActionable(error);
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void aServerAskingForALongerWaitThanAllowedFailsAtOnce() {
        server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "120")
                .setHeader("Content-Type", "application/json").body(wire.errorBody(429, "Try again in 2 minutes")).build());

        LlmException.RateLimited error = chatFails(model(), ask("Hi"), LlmException.RateLimited.class);

        assertThat(error.getMessage()).contains("asks to wait 120 s");
        assertThat(server.getRequestCount()).as("reported without waiting or retrying").isEqualTo(1);
    }

    @Test
    void noRetriesAreMadeWhenThePolicySaysNone() {
        server.enqueue(json(503, wire.errorBody(503, "busy")));

        LlmException.ServerError error = chatFails(model(config().withRetry(RetryPolicy.NONE)), ask("Hi"), LlmException.ServerError.class);

        assertThat(error.status()).isEqualTo(503);
        assertThat(error.getMessage()).doesNotContain("retr");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    // ------------------------------------------------------------------ errors that are not retried

    @Test
    void rejectedKeyIsAnAuthenticationErrorWithoutRetry() {
        server.enqueue(json(401, wire.errorBody(401, "Incorrect API key provided: " + KEY)));

        LlmException.Authentication error = chatFails(model(), ask("Hi"), LlmException.Authentication.class);

        assertThat(error.retriable()).isFalse();
        assertThat(error.getMessage()).contains("Incorrect API key provided: " + Secrets.MASK);
        assertThat(error.getMessage()).startsWith("the API key was rejected by " + config().baseUrl()).contains("Settings → Model");
        assertActionable(error);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void missingKeyIsReportedWithTheVariableToSet() {
        server.enqueue(json(401, wire.errorBody(401, "missing key")));

        Throwable error = catchThrowable(() -> model(config().withApiKey("")).chat(ask("Hi")));

        assertThat(error).isInstanceOf(LlmException.Authentication.class)
                .hasMessageContaining(wire.provider().apiKeyVariable()).hasMessageContaining("Settings → Model");
    }

    @Test
    void forbiddenIsAnAuthenticationErrorWithoutRetry() {
        server.enqueue(json(403, wire.errorBody(403, "This key may not use that model")));

        LlmException.Authentication error = chatFails(model(), ask("Hi"), LlmException.Authentication.class);

        assertThat(error.getMessage()).contains("403", "This key may not use that model");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void unknownModelIsModelNotFoundWithoutRetry() {
        server.enqueue(json(404, wire.errorBody(404, "model: nope-9")));

        RecordingHandler handler = new RecordingHandler();
        model().stream(ask("Hi"), handler);
        LlmException error = handler.awaitError();

        assertThat(error).isInstanceOf(LlmException.ModelNotFound.class);
        assertThat(error.getMessage()).contains("'test-model-1'", "model: nope-9", "Settings → Model");
        assertActionable(error);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void badRequestCarriesWhatTheServerSaid() {
        server.enqueue(json(400, wire.errorBody(400, "temperature: must be at most 1")));

        LlmException.BadRequest error = chatFails(model(), ask("Hi").withTemperature(1.7), LlmException.BadRequest.class);

        assertThat(error.serverMessage()).isEqualTo("temperature: must be at most 1");
        assertThat(error.getMessage()).contains("400", "temperature: must be at most 1");
        assertThat(error.retriable()).isFalse();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void errorEventInsideTheStreamEndsTheCallWithATypedError() {
        server.enqueue(sse(wire.streamStart("Partial ") + wire.errorEvent("Overloaded")));
        RecordingHandler handler = new RecordingHandler();

        model().stream(ask("Hi"), handler);
        LlmException error = handler.awaitError();

        assertThat(error).isInstanceOf(LlmException.ServerError.class);
        assertThat(((LlmException.ServerError) error).status()).isZero();
        assertThat(error.getMessage()).contains("Overloaded");
        assertActionable(error);
        assertThat(handler.textDeltas).containsExactly("Partial ");
        assertThat(handler.endings).hasValue(1);
    }

    @Test
    void aWebPageInsteadOfAStreamIsAMalformedResponse() {
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html")
                .body("<!doctype html><html><body>Welcome to nginx!</body></html>").build());
        RecordingHandler handler = new RecordingHandler();

        model().stream(ask("Hi"), handler);
        LlmException error = handler.awaitError();

        assertThat(error).isInstanceOf(LlmException.MalformedResponse.class);
        assertThat(error.getMessage()).contains("Welcome to nginx!", "base URL");
    }

    @Test
    void aBodyThatIsNotJsonIsAMalformedResponse() {
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/plain").body("Ollama is running").build());

        LlmException.MalformedResponse error = chatFails(model(), ask("Hi"), LlmException.MalformedResponse.class);

        assertThat(error.getMessage()).contains("not JSON", "Ollama is running");
        assertActionable(error);
    }

    @Test
    void aStreamEventThatIsNotJsonIsAMalformedResponse() {
        server.enqueue(sse(wire.streamStart("Hel") + "data: {\"truncated\": \n\n"));
        RecordingHandler handler = new RecordingHandler();

        model().stream(ask("Hi"), handler);

        assertThat(handler.awaitError()).isInstanceOf(LlmException.MalformedResponse.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void aStreamThatEndsBeforeItsEndMarkerIsAnErrorNotAHalfAnswer() {
        server.enqueue(sse(wire.streamWithoutEnd(ProviderWire.Reply.text("The answer is ", "4"))));
        RecordingHandler handler = new RecordingHandler();

        ChatCall call = model().stream(ask("Hi"), handler);
        LlmException error = handler.awaitError();

        assertThat(error).isInstanceOf(LlmException.Timeout.class).hasMessageContaining("before the answer was complete");
        assertThat(handler.endings).hasValue(1);
        assertThatThrownBy(() -> call.response().join()).isInstanceOf(CompletionException.class).hasCause(error);
    }

    @Test
    void aConnectionThatBreaksMidStreamIsAnError() {
        String whole = wire.stream(ProviderWire.Reply.text("The answer ", "is ", "long ", "and ", "never ", "arrives ", "whole."));
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/event-stream").body(whole)
                .onResponseBody(new SocketEffect.CloseSocket()).build());
        RecordingHandler handler = new RecordingHandler();

        model().stream(ask("Hi"), handler);
        LlmException error = handler.awaitError();

        assertThat(error).isInstanceOf(LlmException.Timeout.class);
        assertThat(error.getMessage()).contains("broke mid-answer", "partial answer was discarded");
        assertThat(handler.textDeltas).isNotEmpty();
        assertThat(handler.endings).hasValue(1);
    }

    @Test
    void noServerListeningIsAClearConnectionError() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String base = wire.baseUrl(server).replace(":" + server.getPort(), ":" + closedPort);

        Throwable error = catchThrowable(() -> model(config().withBaseUrl(base)).chat(ask("Hi")));

        assertThat(error).isInstanceOf(LlmException.Timeout.class)
                .hasMessageContaining("could not connect to " + base.replaceAll("/$", ""))
                .hasMessageContaining("is the server running");
    }

    // ------------------------------------------------------------------ timeouts and cancellation

    @Test
    void noFirstTokenWithinTheLimitIsATimeout() {
        server.enqueue(scripted(new ScriptedBody().write(wire.keepAlive()).hang()));
        ProviderConfig config = config().withTimeouts(new Timeouts(ofSeconds(2), ofMillis(400), ofSeconds(5)));
        RecordingHandler handler = new RecordingHandler();

        long started = System.nanoTime();
        model(config).stream(ask("Hi"), handler);
        LlmException error = handler.awaitError();
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(error).isInstanceOf(LlmException.Timeout.class).hasMessageContaining("time-to-first-token");
        assertThat(millis).as("not before the first-token limit").isGreaterThanOrEqualTo(350L);
    }

    @Test
    void aGapBetweenTokensLongerThanTheIdleLimitIsATimeoutEvenWithKeepAlives() {
        ScriptedBody body = new ScriptedBody().write(wire.streamStart("Started "));
        for (int i = 0; i < 30; i++) {
            body.pause(100).write(wire.keepAlive());
        }
        server.enqueue(scripted(body.hang()));
        ProviderConfig config = config().withTimeouts(new Timeouts(ofSeconds(2), ofSeconds(5), ofMillis(500)));
        RecordingHandler handler = new RecordingHandler();

        long started = System.nanoTime();
        model(config).stream(ask("Hi"), handler);
        LlmException error = handler.awaitError();
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(error).isInstanceOf(LlmException.Timeout.class).hasMessageContaining("idle limit");
        assertThat(handler.textDeltas).containsExactly("Started ");
        assertThat(millis).as("not before the idle limit").isGreaterThanOrEqualTo(450L);
    }

    @Test
    void cancellingMidStreamReturnsPromptlyAndEndsWithCancelled() throws Exception {
        server.enqueue(scripted(new ScriptedBody().write(wire.streamStart("Thinking ")).hang()));
        RecordingHandler handler = new RecordingHandler();
        ChatCall call = model().stream(ask("Hi"), handler);
        waitFor(() -> !handler.textDeltas.isEmpty());

        call.cancel();
        LlmException error = handler.awaitError(); // the stream hangs forever: only the cancel can end it

        assertThat(error).isInstanceOf(LlmException.Cancelled.class);
        assertThat(error.retriable()).isFalse();
        assertThatThrownBy(() -> call.response().get(1, TimeUnit.SECONDS)).hasCauseInstanceOf(LlmException.Cancelled.class);
        assertThat(handler.endings).hasValue(1);
    }

    @Test
    void cancellingDuringARetryWaitEndsAtOnce() throws Exception {
        server.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", "30")
                .setHeader("Content-Type", "application/json").body(wire.errorBody(503, "busy")).build());
        RecordingHandler handler = new RecordingHandler();
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        LlmException error;
        try (LogCapture ignored = LogCapture.of("studio.codeact.llm.http", lines)) {
            ChatCall call = model(config().withRetry(new RetryPolicy(2, ofMillis(10), ofSeconds(60)))).stream(ask("Hi"), handler);
            take();
            waitFor(() -> lines.stream().anyMatch(line -> line.contains("retrying in"))); // the client read the 503 and waits 30 s

            call.cancel();
            error = handler.awaitError(); // within awaitError's 10 s only if the wait was cut short
        }

        assertThat(error).isInstanceOf(LlmException.Cancelled.class);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void interruptingAThreadWaitingInChatCancelsTheCall() throws Exception {
        server.enqueue(scripted(new ScriptedBody().hang()));
        ChatModel model = model();
        java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
        Thread caller = Thread.ofPlatform().start(() -> {
            try {
                model.chat(ask("Hi"));
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        take();
        caller.interrupt();
        caller.join(2_000);

        assertThat(caller.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(LlmException.Cancelled.class);
    }

    // ------------------------------------------------------------------ secrets

    @Test
    void debugLoggingShowsRequestsButNeverTheKey() {
        server.enqueue(sse(wire.stream(ProviderWire.Reply.text("ok"))));
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (LogCapture ignored = LogCapture.of("studio.codeact.llm.http", lines)) {
            RecordingHandler handler = new RecordingHandler();
            model().stream(ask("Hi there"), handler);
            handler.awaitResponse();
        }

        assertThat(String.join("\n", lines)).contains(wire.chatPath(), "Hi there", Secrets.MASK).doesNotContain(KEY);
    }

    @Test
    void configAndModelNeverShowTheKey() {
        assertThat(config().toString()).doesNotContain(KEY).contains(Secrets.MASK);
        assertThat(model().toString()).doesNotContain(KEY);
    }

    /** Collects the messages logged under a {@code java.util.logging} logger (where {@code System.Logger} goes) at every level. */
    private record LogCapture(Logger logger, Level before, Handler handler) implements AutoCloseable {
        static LogCapture of(String name, List<String> lines) {
            Logger logger = Logger.getLogger(name);
            Handler handler = new Handler() {
                @Override
                public void publish(LogRecord record) {
                    lines.add(record.getMessage());
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            };
            LogCapture capture = new LogCapture(logger, logger.getLevel(), handler);
            logger.setLevel(Level.FINEST);
            logger.addHandler(handler);
            return capture;
        }

        @Override
        public void close() {
            logger.removeHandler(handler);
            logger.setLevel(before);
        }
    }

    protected static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.sleep(5);
        }
    }
}
