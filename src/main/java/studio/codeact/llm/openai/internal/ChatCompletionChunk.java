package studio.codeact.llm.openai.internal;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** One {@code data:} event of a streamed completion. {@code error} is set when a server reports a failure mid-stream. */
public record ChatCompletionChunk(String id, String model, List<Choice> choices, WireUsage usage, JsonNode error) {

    /** {@code stopReason} is vLLM's extension: the stop string (or token id) that ended the answer. */
    public record Choice(Integer index, Delta delta, String finishReason, JsonNode stopReason) { }

    /** {@code reasoningContent}/{@code reasoning}: thinking that some servers stream before the answer. */
    public record Delta(String role, String content, String reasoningContent, String reasoning, List<ToolCallDelta> toolCalls) { }

    public record ToolCallDelta(Integer index, String id, String type, FunctionDelta function) { }

    /** {@code arguments} is a JSON string fragment by the spec; a few servers send a whole object. */
    public record FunctionDelta(String name, JsonNode arguments) { }
}
