package studio.codeact.llm.settings;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codeact.llm.ChatMessage;
import studio.codeact.llm.ChatModels;
import studio.codeact.llm.ChatRequest;
import studio.codeact.llm.LlmException;
import studio.codeact.llm.ProviderConfig;
import studio.codeact.llm.RecordingHandler;
import studio.codeact.testing.OpenAiWireServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 13 item 9: a rejected key on the command line names where the key came from, not the app's dialog. */
class KeyOriginMessagesTest {

    @TempDir
    Path folder;

    private final OpenAiWireServer server = new OpenAiWireServer().failFrom(1, 401);

    @AfterEach
    void stop() {
        server.close();
    }

    private String rejection(ProviderConfig config) {
        RecordingHandler handler = new RecordingHandler();
        ChatModels.create(config).stream(ChatRequest.of("m", List.of(ChatMessage.User.text("hi"))), handler);
        LlmException error = handler.awaitError();
        assertThat(error).isInstanceOf(LlmException.Authentication.class);
        return error.getMessage();
    }

    @Test
    void aKeyFromAnEnvironmentVariableIsNamed() {
        SettingsFile file = new SettingsFile(folder.resolve("settings.json"));
        ProviderConfig config = new ModelSettingsLoader(file, Map.of("OPENAI_API_KEY", "sk-from-env"))
                .resolve(new ModelSettingsLoader.Flags("openai", server.baseUrl(), null, null, "m"));

        assertThat(rejection(config)).contains("the API key was rejected").contains("check the key in the environment variable OPENAI_API_KEY")
                .doesNotContain("Settings").doesNotContain("sk-from-env");
    }

    @Test
    void aKeyFromAVariableNamedByTheFlagIsNamed() {
        SettingsFile file = new SettingsFile(folder.resolve("settings.json"));
        ProviderConfig config = new ModelSettingsLoader(file, Map.of("MY_ROUTER_KEY", "sk-router"))
                .resolve(new ModelSettingsLoader.Flags("openai", server.baseUrl(), null, "MY_ROUTER_KEY", "m"));

        assertThat(rejection(config)).contains("the environment variable MY_ROUTER_KEY (named by --api-key-env)");
    }

    @Test
    void aKeyFromTheSettingsFileNamesTheFile() throws Exception {
        Path path = folder.resolve("settings.json");
        Files.writeString(path, "{\"llm\": {\"provider\": \"openai\", \"openai\": {\"apiKey\": \"sk-in-file\"}}}");
        ProviderConfig config = new ModelSettingsLoader(new SettingsFile(path), Map.of())
                .resolve(new ModelSettingsLoader.Flags(null, server.baseUrl(), null, null, "m"));

        assertThat(rejection(config)).contains("check the key in the settings file " + path).doesNotContain("Settings \u2192");
    }

    @Test
    void theAppKeepsPointingAtItsDialog() {
        ProviderConfig config = ProviderConfig.of(studio.codeact.llm.Provider.OPENAI).withBaseUrl(server.baseUrl()).withApiKey("sk-app");

        assertThat(rejection(config)).contains("check the key in Settings \u2192 Model");
    }
}
