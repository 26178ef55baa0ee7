package studio.codeact.engine;

/**
 * The remote engine's Jupyter server refused or could not be reached. The CLI turns
 * {@link Problem#UNAUTHORIZED} into exit code 2 (bad input: the token), the rest into 1.
 */
public class JupyterServerException extends EngineException {

    /** What went wrong, as a caller decides on it. */
    public enum Problem {
        /** No answer at all after the retries (connection refused, DNS, TLS handshake, timeouts). */
        UNREACHABLE,
        /** 401/403: a missing or wrong token. */
        UNAUTHORIZED,
        /** 404 on a kernel or file: culled, deleted, or never there. */
        NOT_FOUND,
        /** Anything else the server answered with (4xx/5xx). */
        REFUSED
    }

    private final Problem problem;

    public JupyterServerException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public JupyterServerException(Problem problem, String message, Throwable cause) {
        super(message, cause);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
