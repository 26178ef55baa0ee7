package studio.codeact.bench;

/** The benchmark could not go on: the suite is unreadable, or the harness failed inside the engine. */
public class BenchException extends RuntimeException {

    public BenchException(String message) {
        super(message);
    }

    public BenchException(String message, Throwable cause) {
        super(message, cause);
    }
}
