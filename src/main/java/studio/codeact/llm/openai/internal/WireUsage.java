package studio.codeact.llm.openai.internal;

import studio.codeact.llm.Usage;

/**
 * Token counts of a completion. Cached prompt tokens come as {@code prompt_tokens_details.cached_tokens}
 * (OpenAI, vLLM, OpenRouter) or {@code prompt_cache_hit_tokens} (DeepSeek).
 */
public record WireUsage(Integer promptTokens, Integer completionTokens, PromptTokensDetails promptTokensDetails,
                        Integer promptCacheHitTokens) {

    public record PromptTokensDetails(Integer cachedTokens) { }

    public Usage toUsage() {
        int cached = -1;
        if (promptTokensDetails != null && promptTokensDetails.cachedTokens() != null) {
            cached = promptTokensDetails.cachedTokens();
        } else if (promptCacheHitTokens != null) {
            cached = promptCacheHitTokens;
        }
        return new Usage(promptTokens == null ? -1 : promptTokens, completionTokens == null ? -1 : completionTokens, cached, -1);
    }
}
