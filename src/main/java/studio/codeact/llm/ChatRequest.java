package studio.codeact.llm;

import java.util.List;
import java.util.Objects;

/**
 * One request to a model.
 *
 * @param model       the model's id on its server
 * @param messages    the conversation so far; a {@link ChatMessage.System} may come first
 * @param temperature sampling temperature, or {@code null} for the server's default
 * @param maxTokens   most output tokens, or {@code null} for the provider's default
 * @param stop        stop sequences (may be empty)
 * @param tools       tools the model may call (may be empty)
 */
public record ChatRequest(String model, List<ChatMessage> messages, Double temperature, Integer maxTokens,
                          List<String> stop, List<ToolSpec> tools) {

    public ChatRequest {
        Objects.requireNonNull(model, "model");
        messages = List.copyOf(messages);
        stop = stop == null ? List.of() : List.copyOf(stop);
        tools = tools == null ? List.of() : List.copyOf(tools);
    }

    public static ChatRequest of(String model, List<ChatMessage> messages) {
        return new ChatRequest(model, messages, null, null, List.of(), List.of());
    }

    public ChatRequest withStop(List<String> sequences) {
        return new ChatRequest(model, messages, temperature, maxTokens, sequences, tools);
    }

    public ChatRequest withTools(List<ToolSpec> offered) {
        return new ChatRequest(model, messages, temperature, maxTokens, stop, offered);
    }

    public ChatRequest withMessages(List<ChatMessage> conversation) {
        return new ChatRequest(model, conversation, temperature, maxTokens, stop, tools);
    }

    public ChatRequest withTemperature(Double value) {
        return new ChatRequest(model, messages, value, maxTokens, stop, tools);
    }

    public ChatRequest withMaxTokens(Integer value) {
        return new ChatRequest(model, messages, temperature, value, stop, tools);
    }
}
