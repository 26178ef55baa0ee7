package studio.codeact.llm.anthropic.internal;

import studio.codeact.llm.Usage;

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

    /** These counts as provider-neutral usage. */
    public Usage toUsage() {
        return new Usage(promptTokens(), outputTokens == null ? -1 : outputTokens,
                cacheReadInputTokens == null ? -1 : cacheReadInputTokens, cacheCreationInputTokens == null ? -1 : cacheCreationInputTokens);
    }

    /** These counts over {@code earlier} ones: what this event says wins, what it leaves out is kept. */
    public Usage over(Usage earlier) {
        int read = cacheReadInputTokens != null ? cacheReadInputTokens : earlier.cachedInputTokens();
        int written = cacheCreationInputTokens != null ? cacheCreationInputTokens : earlier.cacheWriteTokens();
        int prompt = inputTokens != null ? inputTokens + Math.max(0, read) + Math.max(0, written) : earlier.promptTokens();
        return new Usage(prompt, outputTokens != null ? outputTokens : earlier.completionTokens(), read, written);
    }
}
