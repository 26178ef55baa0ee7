package studio.codeact.llm.anthropic.internal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One streamed event: {@code message_start} (with {@code message}), {@code content_block_start}
 * ({@code index}, {@code contentBlock}), {@code content_block_delta} ({@code index}, {@code delta}),
 * {@code content_block_stop}, {@code message_delta} ({@code delta} with the stop reason, {@code usage}),
 * {@code message_stop}, {@code ping}, {@code error} ({@code error}).
 */
public record StreamEvent(String type, Integer index, MessageResponse message, MessageResponse.ResponseBlock contentBlock,
                          Delta delta, WireUsage usage, JsonNode error) {

    /** {@code text_delta}, {@code input_json_delta}, {@code thinking_delta}…; or, in {@code message_delta}, the stop reason. */
    public record Delta(String type, String text, String partialJson, String thinking, String stopReason, String stopSequence) { }
}
