package studio.codeact.agent;

/**
 * Where the time of one turn went, and how much was sent to the model.
 *
 * @param totalNanos    the whole turn, from building the request to the observation
 * @param modelNanos    waiting for the model's reply
 * @param codeNanos     waiting for Python (the actions, and any restart or reload)
 * @param approvalNanos waiting for the user to approve actions
 * @param charsSent     characters of text in the request (system prompt included)
 */
public record TurnStats(long totalNanos, long modelNanos, long codeNanos, long approvalNanos, int charsSent) {

    /** The agent's own share: building prompts, parsing, formatting, recording the session. */
    public long overheadNanos() {
        return Math.max(0, totalNanos - modelNanos - codeNanos - approvalNanos);
    }
}
