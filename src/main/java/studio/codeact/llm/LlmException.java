package studio.codeact.llm;

/**
 * A model call that failed, mapped once from whatever the provider or network did. The message
 * is one sentence a user can act on (it names the server and what to check); it never contains
 * an API key.
 */
public abstract sealed class LlmException extends RuntimeException {

    protected LlmException(String message, Throwable cause) {
        super(message, cause);
    }

    /** True when trying the same request again later may succeed (rate limits, server errors, timeouts). */
    public abstract boolean retriable();

    /** The API key was missing or rejected (401/403). */
    public static final class Authentication extends LlmException {
        public Authentication(String message) { super(message, null); }
        public boolean retriable() { return false; }
    }

    /** The model (or endpoint) does not exist on that server (404). */
    public static final class ModelNotFound extends LlmException {
        public ModelNotFound(String message) { super(message, null); }
        public boolean retriable() { return false; }
    }

    /** Too many requests (429), still after the configured retries. */
    public static final class RateLimited extends LlmException {
        public RateLimited(String message) { super(message, null); }
        public boolean retriable() { return true; }
    }

    /** The server failed (5xx or an error event), still after the configured retries. */
    public static final class ServerError extends LlmException {
        private final int status;
        public ServerError(String message, int status) { super(message, null); this.status = status; }
        /** The HTTP status, or 0 when the error came inside a stream. */
        public int status() { return status; }
        public boolean retriable() { return true; }
    }

    /** Connecting, the first token, or the gap between tokens took too long; or the connection broke. */
    public static final class Timeout extends LlmException {
        public Timeout(String message, Throwable cause) { super(message, cause); }
        public boolean retriable() { return true; }
    }

    /** The server refused the request as malformed (400/422), e.g. an unsupported parameter or role. */
    public static final class BadRequest extends LlmException {
        private final String serverMessage;
        public BadRequest(String message, String serverMessage) { super(message, null); this.serverMessage = serverMessage == null ? "" : serverMessage; }
        /** What the server said, for callers that react to specific refusals (e.g. no system role, no tools). */
        public String serverMessage() { return serverMessage; }
        public boolean retriable() { return false; }
    }

    /** The reply was not what the provider's API promises (not JSON, a broken stream, missing fields). */
    public static final class MalformedResponse extends LlmException {
        public MalformedResponse(String message, Throwable cause) { super(message, cause); }
        public boolean retriable() { return false; }
    }

    /** The caller cancelled the call. */
    public static final class Cancelled extends LlmException {
        public Cancelled(String message) { super(message, null); }
        public boolean retriable() { return false; }
    }
}
