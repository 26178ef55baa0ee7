package studio.codeact.llm;

/** Why a model stopped writing. */
public enum FinishReason {
    /** It finished on its own. */
    STOP,
    /** It hit the output-token limit; the text is cut off. */
    LENGTH,
    /** It produced one of the request's stop sequences (which is not included in the text). */
    STOP_SEQUENCE,
    /** It called tools and waits for their results. */
    TOOL_CALLS,
    /** The provider filtered the content. */
    CONTENT_FILTER,
    /** Anything else the server said. */
    OTHER
}
