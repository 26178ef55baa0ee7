package studio.codeact.session;

/**
 * Tokens a model call used, or a sum of them (a question, a session), as the provider reported
 * them. A call whose server reported nothing adds nothing but is still counted in {@code calls},
 * and {@code unreported} says how many such calls a sum holds.
 *
 * @param calls        model calls summed here
 * @param input        input (prompt) tokens, cached ones included
 * @param output       output (completion) tokens
 * @param cachedInput  input tokens read from the provider's prompt cache
 * @param cacheWrite   input tokens written to the prompt cache (Anthropic)
 * @param unreported   calls whose server reported no usage
 */
public record TokenUsage(int calls, long input, long output, long cachedInput, long cacheWrite, int unreported) {

    /** Nothing yet. */
    public static final TokenUsage NONE = new TokenUsage(0, 0, 0, 0, 0, 0);

    /**
     * One call's counts; -1 means the server did not say.
     */
    public static TokenUsage ofCall(long input, long output, long cachedInput, long cacheWrite) {
        boolean reported = input >= 0 || output >= 0;
        return new TokenUsage(1, Math.max(0, input), Math.max(0, output), Math.max(0, cachedInput), Math.max(0, cacheWrite),
                reported ? 0 : 1);
    }

    public TokenUsage plus(TokenUsage other) {
        return new TokenUsage(calls + other.calls, input + other.input, output + other.output, cachedInput + other.cachedInput,
                cacheWrite + other.cacheWrite, unreported + other.unreported);
    }

    /** What was added since {@code earlier} (a sum this one grew from). */
    public TokenUsage minus(TokenUsage earlier) {
        return new TokenUsage(calls - earlier.calls, input - earlier.input, output - earlier.output, cachedInput - earlier.cachedInput,
                cacheWrite - earlier.cacheWrite, unreported - earlier.unreported);
    }

    /** Whether any call is summed here. */
    public boolean isEmpty() {
        return calls == 0;
    }

    /** Whether at least one call's server reported its tokens. */
    public boolean reported() {
        return calls > unreported;
    }

    /** Input tokens neither read from nor written to the cache. */
    public long uncachedInput() {
        return Math.max(0, input - cachedInput - cacheWrite);
    }
}
