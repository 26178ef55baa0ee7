package studio.codeact.llm;

/**
 * A tool call made by the model.
 *
 * @param id            the provider's id for it; a {@link ChatMessage.ToolResult} answers it by this id
 * @param name          the tool's name
 * @param argumentsJson the arguments object as JSON text (streamed deltas already assembled)
 */
public record ToolCall(String id, String name, String argumentsJson) { }
