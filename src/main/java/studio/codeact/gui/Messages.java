package studio.codeact.gui;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns failures into the one plain sentence a user sees (never a stack trace). */
public final class Messages {

    private Messages() {
    }

    public static String sentence(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        if (message == null || message.isBlank()) {
            return cause.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT) + ".";
        }
        message = message.strip();
        // Capitalise a plain first word ("could not…"), never a name ("sales.csv is…", "pandas…" stays if it is a path or code).
        String firstWord = message.split("[\\s:,;]", 2)[0];
        String first = firstWord.matches("[a-z]+") ? Character.toUpperCase(message.charAt(0)) + message.substring(1) : message;
        return first.endsWith(".") ? first : first + ".";
    }
}
