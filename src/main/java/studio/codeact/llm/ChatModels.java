package studio.codeact.llm;

import studio.codeact.llm.anthropic.AnthropicChatModel;
import studio.codeact.llm.openai.OpenAiChatModel;

/** Picks the {@link ChatModel} for a connection. */
public final class ChatModels {

    private ChatModels() {
    }

    /**
     * The model client for {@code config}'s provider.
     *
     * @throws IllegalArgumentException when the base URL is not an http(s) URL
     */
    public static ChatModel create(ProviderConfig config) {
        return switch (config.provider()) {
            case OPENAI -> new OpenAiChatModel(config);
            case ANTHROPIC -> new AnthropicChatModel(config);
        };
    }
}
