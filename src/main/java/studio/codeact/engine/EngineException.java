package studio.codeact.engine;

/**
 * An engine could not do what was asked (start, reach its interpreter, read a variable).
 * The message is one plain sentence a user can act on; it never needs a stack trace.
 */
public class EngineException extends RuntimeException {

    public EngineException(String message) {
        super(message);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
