package studio.codeact.gui.settings;

/**
 * The providers as the settings dialog offers them. Ollama and custom servers speak the OpenAI
 * wire format at their own URL.
 */
public enum ProviderChoice {
    OPENAI("OpenAI", "openai", "https://api.openai.com/v1", true),
    ANTHROPIC("Anthropic", "anthropic", "https://api.anthropic.com", true),
    OLLAMA("Ollama / local server", "openai", "http://localhost:11434/v1", false),
    CUSTOM("Custom OpenAI-compatible URL", "openai", "", false);

    private final String label;
    private final String wire;
    private final String defaultUrl;
    private final boolean needsKey;

    ProviderChoice(String label, String wire, String defaultUrl, boolean needsKey) {
        this.label = label;
        this.wire = wire;
        this.defaultUrl = defaultUrl;
        this.needsKey = needsKey;
    }

    /** The wire protocol's id in the settings file: {@code openai} or {@code anthropic}. */
    public String wire() {
        return wire;
    }

    public String defaultUrl() {
        return defaultUrl;
    }

    /** Whether a key is normally needed (local servers need none). */
    public boolean needsKey() {
        return needsKey;
    }

    /** Which choice a stored wire id and URL mean. */
    public static ProviderChoice of(String wire, String baseUrl) {
        String url = baseUrl == null ? "" : baseUrl.strip();
        if ("anthropic".equalsIgnoreCase(wire)) {
            return ANTHROPIC;
        }
        if (url.isEmpty() || url.equals(OPENAI.defaultUrl)) {
            return OPENAI;
        }
        if (url.contains("localhost:11434") || url.contains("127.0.0.1:11434")) {
            return OLLAMA;
        }
        return CUSTOM;
    }

    @Override
    public String toString() {
        return label;
    }
}
