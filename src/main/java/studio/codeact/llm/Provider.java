package studio.codeact.llm;

import java.util.Locale;

/**
 * The wire protocols this app speaks. Every OpenAI-compatible server (OpenAI, Ollama, llama.cpp
 * server, vLLM, LM Studio, OpenRouter…) is {@link #OPENAI} with its own base URL.
 */
public enum Provider {
    /** OpenAI Chat Completions, or any server that speaks it. */
    OPENAI("openai", "https://api.openai.com/v1", "OPENAI_API_KEY", "OPENAI_BASE_URL", "gpt-4o-mini"),
    /** Anthropic Messages API. */
    ANTHROPIC("anthropic", "https://api.anthropic.com", "ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL", "claude-sonnet-4-5");

    private final String id;
    private final String defaultBaseUrl;
    private final String apiKeyVariable;
    private final String baseUrlVariable;
    private final String defaultModel;

    Provider(String id, String defaultBaseUrl, String apiKeyVariable, String baseUrlVariable, String defaultModel) {
        this.id = id;
        this.defaultBaseUrl = defaultBaseUrl;
        this.apiKeyVariable = apiKeyVariable;
        this.baseUrlVariable = baseUrlVariable;
        this.defaultModel = defaultModel;
    }

    /** The id used in settings, flags and {@link ChatModel#provider()}: {@code openai} or {@code anthropic}. */
    public String id() {
        return id;
    }

    public String defaultBaseUrl() {
        return defaultBaseUrl;
    }

    /** The environment variable that holds this provider's API key. */
    public String apiKeyVariable() {
        return apiKeyVariable;
    }

    /** The environment variable that overrides this provider's base URL. */
    public String baseUrlVariable() {
        return baseUrlVariable;
    }

    /** The model used when none is configured. */
    public String defaultModel() {
        return defaultModel;
    }

    /**
     * The provider with this id (case-insensitive).
     *
     * @throws IllegalArgumentException naming the accepted ids
     */
    public static Provider of(String id) {
        String wanted = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
        for (Provider provider : values()) {
            if (provider.id.equals(wanted)) {
                return provider;
            }
        }
        throw new IllegalArgumentException("unknown provider '" + id + "'; use openai (also for Ollama, llama.cpp, vLLM, "
                + "LM Studio, OpenRouter and other OpenAI-compatible servers) or anthropic");
    }
}
