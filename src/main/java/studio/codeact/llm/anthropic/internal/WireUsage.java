package studio.codeact.llm.anthropic.internal;

/** Token counts; prompt tokens are the input plus what was written to or read from the prompt cache. */
public record WireUsage(Integer inputTokens, Integer outputTokens, Integer cacheCreationInputTokens, Integer cacheReadInputTokens) {

    /** All prompt tokens, or -1 when the server gave no input count. */
    public int promptTokens() {
        if (inputTokens == null) {
            return -1;
        }
        return inputTokens + (cacheCreationInputTokens == null ? 0 : cacheCreationInputTokens)
                + (cacheReadInputTokens == null ? 0 : cacheReadInputTokens);
    }
}
