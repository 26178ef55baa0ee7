package studio.codeact.llm.settings;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codeact.llm.Provider;
import studio.codeact.llm.ProviderConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class ModelSettingsLoaderTest {

    @TempDir
    Path xdg;

    private SettingsFile file;

    @BeforeEach
    void writeSettings() {
        file = new SettingsFile(SettingsFile.standardPath(Map.of("XDG_CONFIG_HOME", xdg.toString()), "/nonexistent"));
        file.update(root -> root.putObject("llm")
                .put("provider", "openai")
                .put("maxRetries", 5)
                .<com.fasterxml.jackson.databind.node.ObjectNode>set("openai", root.objectNode()
                        .put("baseUrl", "http://file:1/v1").put("apiKey", "file-key").put("model", "file-model"))
                .<com.fasterxml.jackson.databind.node.ObjectNode>set("timeouts", root.objectNode().put("firstTokenSeconds", 30)));
    }

    private ProviderConfig resolve(Map<String, String> env, ModelSettingsLoader.Flags flags) {
        return new ModelSettingsLoader(file, env).resolve(flags);
    }

    @Test
    void theFileAloneDecidesWhenNothingElseSaysAnything() {
        ProviderConfig config = resolve(Map.of(), ModelSettingsLoader.Flags.NONE);

        assertThat(config.provider()).isEqualTo(Provider.OPENAI);
        assertThat(config.baseUrl()).isEqualTo("http://file:1/v1");
        assertThat(config.apiKey()).isEqualTo("file-key");
        assertThat(config.model()).isEqualTo("file-model");
        assertThat(config.timeouts().firstToken()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.retry().maxRetries()).isEqualTo(5);
    }

    @Test
    void environmentVariablesBeatTheFile() {
        ProviderConfig config = resolve(Map.of("OPENAI_API_KEY", "env-key", "OPENAI_BASE_URL", "http://env:2/v1"),
                ModelSettingsLoader.Flags.NONE);

        assertThat(config.apiKey()).isEqualTo("env-key");
        assertThat(config.baseUrl()).isEqualTo("http://env:2/v1");
        assertThat(config.model()).isEqualTo("file-model");
    }

    @Test
    void flagsBeatEnvironmentVariables() {
        ProviderConfig config = resolve(Map.of("OPENAI_API_KEY", "env-key", "OPENAI_BASE_URL", "http://env:2/v1"),
                new ModelSettingsLoader.Flags(null, "http://flag:3/v1", "flag-key", null, "flag-model"));

        assertThat(config.apiKey()).isEqualTo("flag-key");
        assertThat(config.baseUrl()).isEqualTo("http://flag:3/v1");
        assertThat(config.model()).isEqualTo("flag-model");
    }

    @Test
    void aKeyFromTheVariableNamedByAFlagBeatsTheStandardVariable() {
        ProviderConfig config = resolve(Map.of("OPENAI_API_KEY", "env-key", "MY_KEY", "named-key"),
                new ModelSettingsLoader.Flags(null, null, null, "MY_KEY", null));

        assertThat(config.apiKey()).isEqualTo("named-key");
        assertThat(catchThrowable(() -> resolve(Map.of(), new ModelSettingsLoader.Flags(null, null, null, "MISSING_KEY", null))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MISSING_KEY");
    }

    @Test
    void aProviderFlagSwitchesToThatProvidersVariablesAndDefaults() {
        ProviderConfig config = resolve(Map.of("OPENAI_API_KEY", "openai-key", "ANTHROPIC_API_KEY", "anthropic-key",
                "OPENAI_BASE_URL", "http://env:2/v1"), new ModelSettingsLoader.Flags("anthropic", null, null, null, null));

        assertThat(config.provider()).isEqualTo(Provider.ANTHROPIC);
        assertThat(config.apiKey()).isEqualTo("anthropic-key");
        assertThat(config.baseUrl()).isEqualTo("https://api.anthropic.com");
        assertThat(config.model()).isEqualTo(Provider.ANTHROPIC.defaultModel());
    }

    @Test
    void withoutAChosenProviderOnlyAnAnthropicKeyMeansAnthropic() {
        SettingsFile empty = new SettingsFile(xdg.resolve("other/settings.json"));

        assertThat(new ModelSettingsLoader(empty, Map.of("ANTHROPIC_API_KEY", "a")).resolve(ModelSettingsLoader.Flags.NONE).provider())
                .isEqualTo(Provider.ANTHROPIC);
        assertThat(new ModelSettingsLoader(empty, Map.of("ANTHROPIC_API_KEY", "a", "OPENAI_API_KEY", "o"))
                .resolve(ModelSettingsLoader.Flags.NONE).provider()).isEqualTo(Provider.OPENAI);
        assertThat(new ModelSettingsLoader(empty, Map.of()).resolve(ModelSettingsLoader.Flags.NONE))
                .isEqualTo(ProviderConfig.of(Provider.OPENAI));
    }

    @Test
    void emptyVariablesCountAsUnset() {
        assertThat(resolve(Map.of("OPENAI_API_KEY", " "), ModelSettingsLoader.Flags.NONE).apiKey()).isEqualTo("file-key");
    }

    @Test
    void flagsNeverShowTheKey() {
        assertThat(new ModelSettingsLoader.Flags(null, null, "sk-secret", null, null).toString()).doesNotContain("sk-secret");
    }
}
