package studio.codeact.bench;

import studio.codeact.llm.ChatMessage;
import studio.codeact.llm.ChatModel;
import studio.codeact.llm.ChatRequest;

import java.util.List;
import java.util.Objects;

/**
 * A model the benchmark runs, with the sampling settings every mode uses for it.
 *
 * @param label       how results and reports name it (by default the model id)
 * @param model       the model's id on its server
 * @param chat        the client
 * @param temperature sampling temperature ({@code null}: the server's default)
 * @param maxTokens   most tokens per reply ({@code null}: the provider's default)
 */
public record ModelUnderTest(String label, String model, ChatModel chat, Double temperature, Integer maxTokens) {

    public ModelUnderTest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(chat, "chat");
        label = label == null || label.isBlank() ? model : label;
    }

    /** A request for this model with its settings. */
    public ChatRequest request(List<ChatMessage> messages, List<String> stop) {
        return ChatRequest.of(model, messages).withTemperature(temperature).withMaxTokens(maxTokens).withStop(stop);
    }
}
