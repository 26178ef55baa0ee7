package studio.codeact.llm;

import org.junit.jupiter.api.Test;
import studio.codeact.llm.anthropic.AnthropicChatModel;
import studio.codeact.llm.openai.OpenAiChatModel;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class ChatModelsTest {

    @Test
    void createsTheModelOfTheConfiguredProvider() {
        ChatModel openAi = ChatModels.create(ProviderConfig.of(Provider.OPENAI).withBaseUrl("http://localhost:11434/v1"));
        ChatModel anthropic = ChatModels.create(ProviderConfig.of(Provider.ANTHROPIC));

        assertThat(openAi).isInstanceOf(OpenAiChatModel.class);
        assertThat(openAi.provider()).isEqualTo("openai");
        assertThat(anthropic).isInstanceOf(AnthropicChatModel.class);
        assertThat(anthropic.provider()).isEqualTo("anthropic");
    }

    @Test
    void aConfigFillsInTheProvidersDefaults() {
        ProviderConfig config = ProviderConfig.of(Provider.ANTHROPIC);

        assertThat(config.baseUrl()).isEqualTo("https://api.anthropic.com");
        assertThat(config.model()).isEqualTo(Provider.ANTHROPIC.defaultModel());
        assertThat(config.apiKey()).isEmpty();
        assertThat(config.hasApiKey()).isFalse();
        assertThat(config.timeouts()).isEqualTo(Timeouts.DEFAULT);
        assertThat(config.retry()).isEqualTo(RetryPolicy.DEFAULT);
        assertThat(config.withBaseUrl(" http://localhost:8080/v1// ").baseUrl()).isEqualTo("http://localhost:8080/v1");
    }

    @Test
    void aConfigNeverShowsItsKey() {
        assertThat(ProviderConfig.of(Provider.OPENAI).withApiKey("sk-live-abcdef").toString())
                .doesNotContain("sk-live-abcdef").contains("apiKey=***");
        assertThat(ProviderConfig.of(Provider.OPENAI).toString()).contains("apiKey=(none)");
    }

    @Test
    void unknownProvidersAndNonPositiveTimeoutsAreRefusedClearly() {
        assertThat(Provider.of(" Anthropic ")).isEqualTo(Provider.ANTHROPIC);
        assertThat(catchThrowable(() -> Provider.of("ollama"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("use openai (also for Ollama");
        assertThat(catchThrowable(() -> Timeouts.DEFAULT.withIdle(Duration.ZERO))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("idle");
        assertThat(catchThrowable(() -> RetryPolicy.DEFAULT.withMaxRetries(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
