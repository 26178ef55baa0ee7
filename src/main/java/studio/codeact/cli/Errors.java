package studio.codeact.cli;

/** Turns an exception into the one sentence a user sees (never a stack trace). */
public final class Errors {

    private Errors() {
    }

    public static String sentence(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof java.util.concurrent.CompletionException || cause instanceof java.util.concurrent.ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
}
