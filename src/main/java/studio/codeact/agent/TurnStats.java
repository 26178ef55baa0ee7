package studio.codeact.agent;

import studio.codeact.session.TokenUsage;

/**
 * Where the time of one turn went, and how much was sent to the model.
 *
 * @param totalNanos    the whole turn, from building the request to the observation
 * @param modelNanos    waiting for the model's reply
 * @param codeNanos     waiting for Python (the actions, and any restart or reload)
 * @param approvalNanos waiting for the user to approve actions
 * @param charsSent     characters of text in the request (system prompt included)
 * @param usage         the tokens the turn's model call used, as the provider reported them
 */
public record TurnStats(long totalNanos, long modelNanos, long codeNanos, long approvalNanos, int charsSent, TokenUsage usage) {

    public TurnStats {
        usage = usage == null ? TokenUsage.NONE : usage;
    }

    /** A turn whose token usage is not known. */
    public TurnStats(long totalNanos, long modelNanos, long codeNanos, long approvalNanos, int charsSent) {
        this(totalNanos, modelNanos, codeNanos, approvalNanos, charsSent, TokenUsage.NONE);
    }

    /** The agent's own share: building prompts, parsing, formatting, recording the session. */
    public long overheadNanos() {
        return Math.max(0, totalNanos - modelNanos - codeNanos - approvalNanos);
    }
}
