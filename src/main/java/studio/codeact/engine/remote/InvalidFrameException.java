package studio.codeact.engine.remote;

/** A WebSocket frame that is not a message of the agreed wire format; it is logged and dropped. */
public final class InvalidFrameException extends Exception {

    public InvalidFrameException(String message) {
        super(message);
    }

    public InvalidFrameException(String message, Throwable cause) {
        super(message, cause);
    }
}
