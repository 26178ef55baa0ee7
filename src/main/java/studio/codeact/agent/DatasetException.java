package studio.codeact.agent;

/**
 * A data file the user gave is missing, unreadable or not loadable. Bad input, not a failure of
 * the agent: the CLI exits with 2 before any model call. The message names the file and what to do.
 */
public class DatasetException extends RuntimeException {

    public DatasetException(String message) {
        super(message);
    }
}
