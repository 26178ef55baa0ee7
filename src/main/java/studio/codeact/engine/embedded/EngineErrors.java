package studio.codeact.engine.embedded;

import studio.codeact.engine.EngineException;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Maps whatever went wrong inside the embedded engine, once, to the {@link EngineException} callers see. */
final class EngineErrors {

    private EngineErrors() {
    }

    /**
     * A Python error raised by the engine's own helpers becomes its message alone (e.g.
     * {@code 'x' is a int, not a DataFrame}); anything else becomes one sentence naming the engine.
     */
    static EngineException of(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof EngineException engine) {
            return engine;
        }
        if (cause instanceof PythonException python) {
            return new EngineException(python.detail().isEmpty() ? python.getMessage() : python.detail(), python);
        }
        return new EngineException("the embedded engine failed: " + cause.getMessage(), cause);
    }
}
