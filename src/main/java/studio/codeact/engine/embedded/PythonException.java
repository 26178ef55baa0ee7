package studio.codeact.engine.embedded;

/**
 * A Python exception that reached Java through a C API call of the engine itself (not the user's
 * code, whose errors are outputs). {@link #getMessage()} is {@code Type: message}.
 */
final class PythonException extends RuntimeException {

    private final String type;
    private final String detail;

    PythonException(String type, String detail) {
        super(detail.isEmpty() ? type : type + ": " + detail);
        this.type = type;
        this.detail = detail;
    }

    /** The exception's class name, e.g. {@code ValueError}. */
    String type() {
        return type;
    }

    /** {@code str(exception)}: the message alone. */
    String detail() {
        return detail;
    }
}
