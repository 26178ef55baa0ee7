package studio.codeact.llm.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import studio.codeact.llm.Provider;
import studio.codeact.llm.ProviderConfig;
import studio.codeact.llm.RetryPolicy;
import studio.codeact.llm.Secrets;
import studio.codeact.llm.Timeouts;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The model part of the settings file (what Settings → Model edits), under the key {@code "llm"}:
 * <pre>{@code
 * "llm": {
 *   "provider": "openai",
 *   "openai":    {"baseUrl": "http://localhost:11434/v1", "apiKey": "", "model": "qwen2.5-coder"},
 *   "anthropic": {"baseUrl": "https://api.anthropic.com", "apiKey": "sk-ant-…", "model": "claude-sonnet-4-5"},
 *   "timeouts":  {"connectSeconds": 10, "firstTokenSeconds": 120, "idleSeconds": 60},
 *   "maxRetries": 2
 * }}</pre>
 * Each provider keeps its own endpoint, so switching back and forth loses no key.
 *
 * @param provider   the chosen provider, or {@code null} when none was chosen yet (first run)
 * @param endpoints  per provider: base URL, key and model, any of them {@code null} when unset
 * @param timeouts   connect, first-token and idle limits
 * @param maxRetries retries of 429 and 5xx answers
 */
public record ModelSettings(Provider provider, Map<Provider, Endpoint> endpoints, Timeouts timeouts, int maxRetries) {

    public static final String KEY = "llm";

    /** Where one provider's server is; {@code null} fields are unset. The key never shows in {@link #toString()}. */
    public record Endpoint(String baseUrl, String apiKey, String model) {
        public static final Endpoint EMPTY = new Endpoint(null, null, null);

        public Endpoint {
            baseUrl = blankToNull(baseUrl);
            apiKey = blankToNull(apiKey);
            model = blankToNull(model);
        }

        @Override
        public String toString() {
            return "Endpoint[baseUrl=" + baseUrl + ", apiKey=" + Secrets.mask(apiKey) + ", model=" + model + "]";
        }
    }

    public static final ModelSettings DEFAULTS = new ModelSettings(null, Map.of(), Timeouts.DEFAULT, RetryPolicy.DEFAULT.maxRetries());

    public ModelSettings {
        EnumMap<Provider, Endpoint> copy = new EnumMap<>(Provider.class);
        if (endpoints != null) {
            copy.putAll(endpoints);
        }
        endpoints = java.util.Collections.unmodifiableMap(copy);
        timeouts = timeouts == null ? Timeouts.DEFAULT : timeouts;
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be 0 or more, not " + maxRetries);
        }
    }

    /** True once a provider was chosen. */
    public boolean configured() {
        return provider != null;
    }

    public Endpoint endpoint(Provider which) {
        return endpoints.getOrDefault(which, Endpoint.EMPTY);
    }

    public ModelSettings withProvider(Provider value) {
        return new ModelSettings(value, endpoints, timeouts, maxRetries);
    }

    public ModelSettings withEndpoint(Provider which, Endpoint endpoint) {
        EnumMap<Provider, Endpoint> copy = new EnumMap<>(Provider.class);
        copy.putAll(endpoints);
        copy.put(which, endpoint);
        return new ModelSettings(provider, copy, timeouts, maxRetries);
    }

    public ModelSettings withTimeouts(Timeouts value) {
        return new ModelSettings(provider, endpoints, value, maxRetries);
    }

    public ModelSettings withMaxRetries(int value) {
        return new ModelSettings(provider, endpoints, timeouts, value);
    }

    /** The connection these settings describe (the chosen provider, OpenAI if none), with defaults for what is unset. */
    public ProviderConfig toConfig() {
        Provider chosen = provider == null ? Provider.OPENAI : provider;
        Endpoint endpoint = endpoint(chosen);
        return new ProviderConfig(chosen, endpoint.baseUrl(), endpoint.apiKey(), endpoint.model(), timeouts,
                RetryPolicy.DEFAULT.withMaxRetries(maxRetries));
    }

    /** Reads the {@code "llm"} section of a whole settings document; missing parts take defaults. */
    public static ModelSettings fromJson(JsonNode root) {
        JsonNode llm = root == null ? null : root.get(KEY);
        if (llm == null || llm.isNull()) {
            return DEFAULTS;
        }
        if (!llm.isObject()) {
            throw new IllegalArgumentException("\"" + KEY + "\" in the settings file must be an object");
        }
        Provider provider = text(llm, "provider") == null ? null : Provider.of(text(llm, "provider"));
        EnumMap<Provider, Endpoint> endpoints = new EnumMap<>(Provider.class);
        for (Provider each : Provider.values()) {
            JsonNode node = llm.get(each.id());
            if (node != null && node.isObject()) {
                endpoints.put(each, new Endpoint(text(node, "baseUrl"), text(node, "apiKey"), text(node, "model")));
            }
        }
        JsonNode limits = llm.path("timeouts");
        Timeouts timeouts = new Timeouts(
                seconds(limits, "connectSeconds", Timeouts.DEFAULT.connect()),
                seconds(limits, "firstTokenSeconds", Timeouts.DEFAULT.firstToken()),
                seconds(limits, "idleSeconds", Timeouts.DEFAULT.idle()));
        JsonNode retries = llm.get("maxRetries");
        int maxRetries = retries == null || retries.isNull() ? RetryPolicy.DEFAULT.maxRetries() : retries.asInt(-1);
        if (maxRetries < 0) {
            throw new IllegalArgumentException("\"llm.maxRetries\" in the settings file must be a whole number, 0 or more");
        }
        return new ModelSettings(provider, endpoints, timeouts, maxRetries);
    }

    /** Writes these settings into {@code root}'s {@code "llm"} section, keeping keys it does not know. */
    public void writeTo(ObjectNode root) {
        ObjectNode llm = root.get(KEY) instanceof ObjectNode existing ? existing : root.putObject(KEY);
        if (provider == null) {
            llm.remove("provider");
        } else {
            llm.put("provider", provider.id());
        }
        for (Map.Entry<Provider, Endpoint> entry : endpoints.entrySet()) {
            ObjectNode node = llm.get(entry.getKey().id()) instanceof ObjectNode existing ? existing : llm.putObject(entry.getKey().id());
            putOrRemove(node, "baseUrl", entry.getValue().baseUrl());
            putOrRemove(node, "apiKey", entry.getValue().apiKey());
            putOrRemove(node, "model", entry.getValue().model());
        }
        ObjectNode limits = llm.get("timeouts") instanceof ObjectNode existing ? existing : llm.putObject("timeouts");
        limits.put("connectSeconds", asSeconds(timeouts.connect()));
        limits.put("firstTokenSeconds", asSeconds(timeouts.firstToken()));
        limits.put("idleSeconds", asSeconds(timeouts.idle()));
        llm.put("maxRetries", maxRetries);
    }

    /** The settings saved in {@code file}. */
    public static ModelSettings load(SettingsFile file) {
        return fromJson(file.read());
    }

    /** Saves these settings into {@code file}, keeping everything else in it. */
    public void save(SettingsFile file) {
        file.update(this::writeTo);
    }

    @Override
    public String toString() {
        return "ModelSettings[provider=" + (provider == null ? "(not chosen)" : provider.id()) + ", endpoints=" + endpoints
                + ", timeouts=" + timeouts + ", maxRetries=" + maxRetries + "]";
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : blankToNull(value.asText());
    }

    private static Duration seconds(JsonNode node, String field, Duration fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isNumber() || value.asDouble() <= 0) {
            throw new IllegalArgumentException("\"llm.timeouts." + field + "\" in the settings file must be a positive number of seconds");
        }
        return Duration.ofMillis(Math.round(value.asDouble() * 1000));
    }

    private static double asSeconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static void putOrRemove(ObjectNode node, String field, String value) {
        if (value == null) {
            node.remove(field);
        } else {
            node.put(field, value);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
