package studio.codeact.agent;

import org.junit.jupiter.api.Test;
import studio.codeact.llm.settings.ModelPrice;
import studio.codeact.session.TokenUsage;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class UsageTextTest {

    private static final TokenUsage TWO_CALLS = TokenUsage.ofCall(12_000, 300, 0, 2_000).plus(TokenUsage.ofCall(12_500, 200, 11_000, 0));

    @Test
    void theLineSaysTokensCachedTokensCallsAndTheCostWhenThePriceIsKnown() {
        assertThat(UsageText.line(TWO_CALLS, Optional.of(new ModelPrice(3, 0.3, 15, 3.75))))
                .isEqualTo("usage: 24,500 tokens in (11,000 cached, 2,000 written to cache), 500 out \u00b7 \u2248 $0.05 over 2 model calls");
        assertThat(UsageText.line(TWO_CALLS, Optional.empty()))
                .isEqualTo("usage: 24,500 tokens in (11,000 cached, 2,000 written to cache), 500 out over 2 model calls");
    }

    @Test
    void aServerWithoutCountsAndARunWithoutCallsAreSaidPlainly() {
        assertThat(UsageText.line(TokenUsage.ofCall(-1, -1, -1, -1), Optional.of(new ModelPrice(1, 1, 1, 1))))
                .isEqualTo("usage: the server reported no token counts over 1 model call");
        assertThat(UsageText.line(TokenUsage.NONE, Optional.empty())).isEqualTo("usage: no model calls");
        assertThat(UsageText.cost(TokenUsage.ofCall(-1, -1, -1, -1), Optional.of(new ModelPrice(1, 1, 1, 1)))).isEmpty();
    }
}
