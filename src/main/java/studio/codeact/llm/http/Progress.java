package studio.codeact.llm.http;

/**
 * Told each time a token of the answer arrives, so the time-to-first-token and idle limits can
 * be enforced. Called on the call's reader thread; must cost next to nothing.
 */
@FunctionalInterface
public interface Progress {

    Progress NONE = () -> { };

    void token();
}
