package studio.codeact.llm;

import java.util.Objects;

/**
 * Everything needed to talk to one provider's server. Build it with {@link #of(Provider)} and the
 * {@code with…} methods, or resolve it from settings, environment and flags with
 * {@code studio.codeact.llm.settings.ModelSettingsLoader}.
 *
 * @param provider the wire protocol
 * @param baseUrl  e.g. {@code https://api.openai.com/v1}, {@code http://localhost:11434/v1}, {@code https://api.anthropic.com}
 * @param apiKey   the secret, or empty for local servers that need none; never printed by {@link #toString()}
 * @param model    the model to use by default
 * @param timeouts connect, first-token and idle limits
 * @param retry    how 429 and 5xx answers are retried
 * @param origin   where these came from, for messages that say what to check
 */
public record ProviderConfig(Provider provider, String baseUrl, String apiKey, String model, Timeouts timeouts, RetryPolicy retry,
                             ConfigOrigin origin) {

    /** A connection configured in the app's settings dialog ({@link ConfigOrigin#APP}). */
    public ProviderConfig(Provider provider, String baseUrl, String apiKey, String model, Timeouts timeouts, RetryPolicy retry) {
        this(provider, baseUrl, apiKey, model, timeouts, retry, ConfigOrigin.APP);
    }

    public ProviderConfig {
        Objects.requireNonNull(provider, "provider");
        baseUrl = baseUrl == null || baseUrl.isBlank() ? provider.defaultBaseUrl() : stripTrailingSlashes(baseUrl.trim());
        apiKey = apiKey == null ? "" : apiKey.trim();
        model = model == null || model.isBlank() ? provider.defaultModel() : model.trim();
        timeouts = timeouts == null ? Timeouts.DEFAULT : timeouts;
        retry = retry == null ? RetryPolicy.DEFAULT : retry;
        origin = origin == null ? ConfigOrigin.APP : origin;
    }

    /** The provider's defaults: its public base URL, its default model, no key. */
    public static ProviderConfig of(Provider provider) {
        return new ProviderConfig(provider, null, null, null, null, null);
    }

    public ProviderConfig withBaseUrl(String value) {
        return new ProviderConfig(provider, value, apiKey, model, timeouts, retry, origin);
    }

    public ProviderConfig withApiKey(String value) {
        return new ProviderConfig(provider, baseUrl, value, model, timeouts, retry, origin);
    }

    public ProviderConfig withModel(String value) {
        return new ProviderConfig(provider, baseUrl, apiKey, value, timeouts, retry, origin);
    }

    public ProviderConfig withTimeouts(Timeouts value) {
        return new ProviderConfig(provider, baseUrl, apiKey, model, value, retry, origin);
    }

    public ProviderConfig withRetry(RetryPolicy value) {
        return new ProviderConfig(provider, baseUrl, apiKey, model, timeouts, value, origin);
    }

    public ProviderConfig withOrigin(ConfigOrigin value) {
        return new ProviderConfig(provider, baseUrl, apiKey, model, timeouts, retry, value);
    }

    public boolean hasApiKey() {
        return !apiKey.isEmpty();
    }

    /** Equal when they connect the same way; where the settings came from ({@link #origin}) does not count. */
    @Override
    public boolean equals(Object other) {
        return other instanceof ProviderConfig that && provider == that.provider && baseUrl.equals(that.baseUrl)
                && apiKey.equals(that.apiKey) && model.equals(that.model) && timeouts.equals(that.timeouts) && retry.equals(that.retry);
    }

    @Override
    public int hashCode() {
        return Objects.hash(provider, baseUrl, apiKey, model, timeouts, retry);
    }

    /** Never shows the key, only whether there is one. */
    @Override
    public String toString() {
        return "ProviderConfig[provider=" + provider.id() + ", baseUrl=" + baseUrl + ", apiKey=" + Secrets.mask(apiKey)
                + ", model=" + model + ", timeouts=" + timeouts + ", retry=" + retry + "]";
    }

    private static String stripTrailingSlashes(String url) {
        String out = url;
        while (out.endsWith("/")) {
            out = out.substring(0, out.length() - 1);
        }
        return out;
    }
}
