package studio.codeact.engine.kernel;

/**
 * A frame sequence that is not a valid Jupyter message: no delimiter, a wrong signature, or
 * unreadable JSON. Such messages are logged and dropped, never delivered.
 */
public final class InvalidMessageException extends Exception {

    public InvalidMessageException(String message) {
        super(message);
    }

    public InvalidMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
