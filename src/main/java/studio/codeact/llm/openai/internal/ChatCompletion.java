package studio.codeact.llm.openai.internal;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** A whole (non-streamed) completion. {@code error} is set when a server reports a failure with status 200. */
public record ChatCompletion(String id, String model, List<Choice> choices, WireUsage usage, JsonNode error) {

    public record Choice(Integer index, ResponseMessage message, String finishReason, JsonNode stopReason) { }

    public record ResponseMessage(String role, String content, List<ToolCallIn> toolCalls) { }

    public record ToolCallIn(String id, String type, FunctionIn function) { }

    /** {@code arguments} is a JSON string by the spec; a few servers send an object instead. */
    public record FunctionIn(String name, JsonNode arguments) { }
}
