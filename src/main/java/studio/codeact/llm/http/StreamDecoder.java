package studio.codeact.llm.http;

import studio.codeact.llm.ChatResponse;
import studio.codeact.llm.ToolCall;

import java.util.List;

/**
 * A provider's reading of its own streaming format: events in, deltas out, the final response
 * at the end. One instance per call; called only on that call's reader thread.
 */
public interface StreamDecoder {

    /**
     * Handles one event, sending text and tool-call pieces to {@code out}.
     *
     * @return true when this event ends the answer ({@code [DONE]}, {@code message_stop})
     * @throws studio.codeact.llm.LlmException for an error event or an event that is not valid
     */
    boolean onEvent(SseEvent event, DeltaSink out);

    /**
     * The whole answer once the stream is over.
     *
     * @param endMarkerSeen false when the stream ended without the provider's end marker
     * @throws studio.codeact.llm.LlmException when the answer is incomplete
     */
    ChatResponse finish(boolean endMarkerSeen);

    /**
     * The server ignored {@code stream: true} and sent a whole JSON reply (some compatible servers
     * do); decode it, sending its text to {@code out} as one piece.
     */
    ChatResponse onWholeBody(String json, DeltaSink out);

    /** Sends a whole, already decoded reply to {@code out} as if it had streamed (text in one piece, then each tool call), and returns it. */
    static ChatResponse replay(ChatResponse response, DeltaSink out) {
        if (!response.text().isEmpty()) {
            out.text(response.text());
        }
        List<ToolCall> calls = response.toolCalls();
        for (int i = 0; i < calls.size(); i++) {
            out.toolCall(i, calls.get(i).id(), calls.get(i).name(), calls.get(i).argumentsJson());
        }
        return response;
    }
}
