package studio.codeact.llm;

import java.util.List;

/**
 * A complete reply.
 *
 * @param text         all the text the model wrote
 * @param toolCalls    the tools it called, in order (may be empty)
 * @param finishReason why it stopped
 * @param usage        tokens used, as the server reported them
 * @param model        the model id the server says answered
 */
public record ChatResponse(String text, List<ToolCall> toolCalls, FinishReason finishReason, Usage usage, String model) {
    public ChatResponse {
        text = text == null ? "" : text;
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        usage = usage == null ? Usage.UNKNOWN : usage;
    }
}
