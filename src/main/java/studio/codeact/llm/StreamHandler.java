package studio.codeact.llm;

/**
 * Receives a streamed reply.
 *
 * <p>Thread: called on the HTTP client's reader thread for that call (one thread per call, in
 * order), never on the caller's thread or the JavaFX thread. Return quickly.
 */
public interface StreamHandler {

    /** A piece of the model's text, as it arrives. */
    void onTextDelta(String text);

    /** The model started or continued a tool call; arguments arrive in pieces (for live display). */
    default void onToolCallDelta(int index, String id, String name, String argumentsDelta) {
    }

    /** The reply is complete. Called at most once, and never after {@link #onError}. */
    void onComplete(ChatResponse response);

    /** The call failed or was cancelled; any text delivered so far is not a complete answer. */
    void onError(LlmException error);
}
