package studio.codeact.agent;

import studio.codeact.session.TokenUsage;

/** Where the time of one turn goes; used on the agent's thread only. */
final class TurnClock {

    private final long started = System.nanoTime();
    long modelNanos;
    long codeNanos;
    long approvalNanos;
    int charsSent;
    TokenUsage usage = TokenUsage.NONE;

    TurnStats stats() {
        return new TurnStats(System.nanoTime() - started, modelNanos, codeNanos, approvalNanos, charsSent, usage);
    }
}
