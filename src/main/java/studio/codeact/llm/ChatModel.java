package studio.codeact.llm;

import java.util.List;

/**
 * A language model behind some provider's API, seen the same way whatever the provider.
 * Implementations: {@code OpenAiChatModel} (any OpenAI-compatible server), {@code AnthropicChatModel}.
 *
 * <p>Errors are {@link LlmException}s, already retried where that makes sense.
 */
public interface ChatModel {

    /** Provider id as in settings: {@code openai} or {@code anthropic}. */
    String provider();

    /** Sends the request and waits for the whole reply. */
    ChatResponse chat(ChatRequest request);

    /**
     * Sends the request and streams the reply to {@code handler}. Returns at once; the call
     * ends with exactly one of {@link StreamHandler#onComplete} or {@link StreamHandler#onError}.
     */
    ChatCall stream(ChatRequest request, StreamHandler handler);

    /** The models the server offers, for the settings screen. */
    List<ModelInfo> listModels();
}
