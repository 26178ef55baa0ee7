package studio.codeact.llm;

/**
 * Token counts of one model call as the server reported them; -1 where it did not.
 *
 * @param promptTokens      all input tokens of the request, cached ones included
 * @param completionTokens  output tokens
 * @param cachedInputTokens input tokens read from the provider's prompt cache (OpenAI
 *                          {@code prompt_tokens_details.cached_tokens}, Anthropic {@code cache_read_input_tokens})
 * @param cacheWriteTokens  input tokens written to the prompt cache (Anthropic {@code cache_creation_input_tokens})
 */
public record Usage(int promptTokens, int completionTokens, int cachedInputTokens, int cacheWriteTokens) {

    public static final Usage UNKNOWN = new Usage(-1, -1, -1, -1);

    /** Counts from a server that says nothing about its prompt cache. */
    public Usage(int promptTokens, int completionTokens) {
        this(promptTokens, completionTokens, -1, -1);
    }

    /** Whether the server reported anything at all. */
    public boolean known() {
        return promptTokens >= 0 || completionTokens >= 0;
    }
}
