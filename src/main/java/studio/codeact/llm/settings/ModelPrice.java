package studio.codeact.llm.settings;

/**
 * What a model's tokens cost, in US dollars per million tokens, as the user entered them.
 *
 * @param input       uncached input tokens
 * @param cachedInput input tokens read from the prompt cache
 * @param output      output tokens
 * @param cacheWrite  input tokens written to the prompt cache (Anthropic)
 */
public record ModelPrice(double input, double cachedInput, double output, double cacheWrite) {

    public ModelPrice {
        if (!(input >= 0 && cachedInput >= 0 && output >= 0 && cacheWrite >= 0)) {
            throw new IllegalArgumentException("prices must be numbers of dollars per million tokens, zero or more");
        }
    }

    /** Estimated dollars for these counts. */
    public double cost(long uncachedInput, long cachedInputTokens, long cacheWriteTokens, long outputTokens) {
        return (uncachedInput * input + cachedInputTokens * cachedInput + cacheWriteTokens * cacheWrite + outputTokens * output) / 1e6;
    }
}
