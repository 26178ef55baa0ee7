package studio.codeact.session;

/** A session could not be written or read; the message names the file and the cause. */
public class SessionException extends RuntimeException {

    public SessionException(String message, Throwable cause) {
        super(message, cause);
    }

    public SessionException(String message) {
        super(message);
    }
}
