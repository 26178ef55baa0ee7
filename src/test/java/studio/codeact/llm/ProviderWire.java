package studio.codeact.llm;

import com.fasterxml.jackson.databind.JsonNode;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

import java.util.List;

/**
 * One provider's exact wire format, for the shared {@link ChatModelContractTest}: how its server
 * answers, and where things sit in the requests it receives.
 */
public interface ProviderWire {

    /** How an answer ends. */
    enum Finish { STOP, LENGTH, STOP_SEQUENCE, TOOL_CALLS }

    /** A tool call the server makes, its arguments sent in pieces. */
    record Call(String id, String name, List<String> argumentPieces) {
        public String arguments() {
            return String.join("", argumentPieces);
        }
    }

    /**
     * An answer to script.
     *
     * @param stopSequence the stop sequence hit, for {@link Finish#STOP_SEQUENCE}
     */
    record Reply(String model, List<String> deltas, List<Call> calls, Finish finish, String stopSequence,
                 int promptTokens, int completionTokens) {

        public static Reply text(String... deltas) {
            return new Reply("test-model-1", List.of(deltas), List.of(), Finish.STOP, null, 11, 7);
        }

        public Reply finishing(Finish how, String sequence) {
            return new Reply(model, deltas, calls, how, sequence, promptTokens, completionTokens);
        }

        public Reply calling(Call... tools) {
            return new Reply(model, deltas, List.of(tools), Finish.TOOL_CALLS, null, promptTokens, completionTokens);
        }

        public String joined() {
            return String.join("", deltas);
        }
    }

    Provider provider();

    /** The base URL a user would configure for this server. */
    String baseUrl(MockWebServer server);

    String chatPath();

    /** The path of the (first) model-list request, without the query. */
    String modelsPath();

    /** The whole event stream of a complete streamed answer. */
    String stream(Reply reply);

    /** The events of {@code reply} without the end: no finish, no end marker (a stream cut short). */
    String streamWithoutEnd(Reply reply);

    /** Everything up to and including the first text delta of a streamed answer. */
    String streamStart(String firstDelta);

    /** An event that reports a server error inside a stream. */
    String errorEvent(String message);

    /** A keep-alive the provider may send between events (comment line or ping). */
    String keepAlive();

    /** A whole JSON answer (non-streaming). */
    String plain(Reply reply);

    /** The JSON body this provider sends with an HTTP error status. */
    String errorBody(int status, String message);

    /** A model-list body. */
    String models(List<ModelInfo> models);

    void assertAuthenticated(RecordedRequest request, String apiKey);

    boolean streamRequested(JsonNode body);

    String systemPrompt(JsonNode body);

    List<String> stopSequences(JsonNode body);

    Integer maxTokens(JsonNode body);

    /** The base64 data of the first image in the request, with its media type, as {@code type;data}. */
    String firstImage(JsonNode body);

    /** Names of the tools offered. */
    List<String> offeredTools(JsonNode body);

    /** The tool calls of the assistant message echoed back in the conversation: id, name, arguments (as parsed JSON). */
    List<ToolCall> echoedToolCalls(JsonNode body);

    /** The tool results sent back: id and content. */
    List<ChatMessage.ToolResult> toolResults(JsonNode body);
}
