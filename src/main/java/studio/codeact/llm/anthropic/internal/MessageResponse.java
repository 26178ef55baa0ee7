package studio.codeact.llm.anthropic.internal;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** A whole message (the non-streamed reply, and the {@code message} of {@code message_start}); {@code type} is {@code error} for errors. */
public record MessageResponse(String id, String type, String role, String model, List<ResponseBlock> content,
                              String stopReason, String stopSequence, WireUsage usage, JsonNode error) {

    /** A content block of a reply: {@code text}, {@code tool_use}, {@code thinking}… */
    public record ResponseBlock(String type, String text, String id, String name, JsonNode input) { }
}
