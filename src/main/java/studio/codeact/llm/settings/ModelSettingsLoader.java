package studio.codeact.llm.settings;

import studio.codeact.llm.ConfigOrigin;
import studio.codeact.llm.Provider;
import studio.codeact.llm.ProviderConfig;
import studio.codeact.llm.RetryPolicy;
import studio.codeact.llm.Secrets;

import java.util.Map;

/**
 * Decides the connection to use from three sources, each value taken from the first that has it:
 * command-line flags, then environment variables ({@code OPENAI_API_KEY}, {@code OPENAI_BASE_URL},
 * {@code ANTHROPIC_API_KEY}, {@code ANTHROPIC_BASE_URL}), then the settings file, then the
 * provider's defaults. The provider itself comes from the flag, else the file; with neither, it
 * is Anthropic when only {@code ANTHROPIC_API_KEY} is set, otherwise OpenAI. A provider's
 * variables apply only to that provider.
 */
public final class ModelSettingsLoader {

    /**
     * What the command line said; {@code null} for anything not given.
     *
     * @param apiKeyEnv the name of an environment variable holding the key ({@code --api-key-env})
     */
    public record Flags(String provider, String baseUrl, String apiKey, String apiKeyEnv, String model) {
        public static final Flags NONE = new Flags(null, null, null, null, null);

        @Override
        public String toString() {
            return "Flags[provider=" + provider + ", baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? null : Secrets.MASK)
                    + ", apiKeyEnv=" + apiKeyEnv + ", model=" + model + "]";
        }
    }

    private final SettingsFile file;
    private final Map<String, String> env;

    public ModelSettingsLoader(SettingsFile file, Map<String, String> env) {
        this.file = file;
        this.env = Map.copyOf(env);
    }

    /** The standard settings file and this process's environment. */
    public static ModelSettingsLoader standard() {
        return new ModelSettingsLoader(SettingsFile.standard(), System.getenv());
    }

    /**
     * The connection to use.
     *
     * @throws IllegalArgumentException for an unknown provider, an unset {@code --api-key-env}
     *                                  variable, or a settings file that cannot be read as settings
     */
    public ProviderConfig resolve(Flags flags) {
        ModelSettings saved = ModelSettings.load(file);
        Provider provider = flags.provider() != null ? Provider.of(flags.provider())
                : saved.provider() != null ? saved.provider()
                : inferred();
        ModelSettings.Endpoint endpoint = saved.endpoint(provider);
        String keyFromNamedVariable = null;
        if (flags.apiKeyEnv() != null) {
            keyFromNamedVariable = variable(flags.apiKeyEnv());
            if (keyFromNamedVariable == null) {
                throw new IllegalArgumentException("the environment variable " + flags.apiKeyEnv()
                        + " named by --api-key-env is not set");
            }
        }
        String where = "the settings file " + file.path();
        String key;
        if (flags.apiKey() != null && !flags.apiKey().isBlank()) {
            key = "the --api-key flag";
        } else if (keyFromNamedVariable != null) {
            key = "the environment variable " + flags.apiKeyEnv() + " (named by --api-key-env)";
        } else if (variable(provider.apiKeyVariable()) != null) {
            key = "the environment variable " + provider.apiKeyVariable();
        } else if (endpoint.apiKey() != null && !endpoint.apiKey().isBlank()) {
            key = where;
        } else {
            key = "the environment variable " + provider.apiKeyVariable() + " (or --api-key-env VAR, or " + where + ")";
        }
        ConfigOrigin origin = new ConfigOrigin(key, "--base-url and --model (or " + where + ")", "--timeout (or " + where + ")");
        return new ProviderConfig(provider,
                first(flags.baseUrl(), variable(provider.baseUrlVariable()), endpoint.baseUrl()),
                first(flags.apiKey(), keyFromNamedVariable, variable(provider.apiKeyVariable()), endpoint.apiKey()),
                first(flags.model(), endpoint.model()),
                saved.timeouts(),
                RetryPolicy.DEFAULT.withMaxRetries(saved.maxRetries()),
                origin);
    }

    private Provider inferred() {
        boolean openAi = variable(Provider.OPENAI.apiKeyVariable()) != null;
        boolean anthropic = variable(Provider.ANTHROPIC.apiKeyVariable()) != null;
        return anthropic && !openAi ? Provider.ANTHROPIC : Provider.OPENAI;
    }

    private String variable(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
