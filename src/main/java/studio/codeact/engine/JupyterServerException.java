package studio.codeact.engine;

/**
 * The remote engine's Jupyter server refused or could not be reached. The CLI turns a problem of
 * the user's settings ({@link #isSettingsProblem()}: the token, the TLS trust) into exit code 2
 * (bad input), the rest into 1.
 */
public class JupyterServerException extends EngineException {

    /** What went wrong, as a caller decides on it. */
    public enum Problem {
        /** No answer at all after the retries (connection refused, DNS, timeouts). */
        UNREACHABLE,
        /** 401/403: a missing or wrong token. */
        UNAUTHORIZED,
        /**
         * TLS failed: the server's certificate is not trusted here (a private CA not given, a name
         * the certificate does not carry), or the URL says {@code https} to a server without TLS.
         */
        UNTRUSTED,
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

    /** Whether the user's settings are wrong (the token, the TLS trust): retrying will not help, fixing them will. */
    public boolean isSettingsProblem() {
        return problem == Problem.UNAUTHORIZED || problem == Problem.UNTRUSTED;
    }
}
