package studio.codeact.agent;

import java.util.ArrayList;
import java.util.List;

/**
 * The conversation as it was last sent, so that each request starts with the previous one byte for
 * byte and the provider's prompt cache applies (OpenAI-compatible servers cache the longest
 * repeated prefix; Anthropic reads back up to its breakpoints).
 *
 * <p>New exchanges are appended to what was sent. Only when that no longer fits the context
 * budget does {@link ContextBudget} shorten old turns — and then down to {@value #LOW_WATER_PERCENT}%
 * of the budget, not just under it, and what it shortened stays shortened the same way: the
 * prefix changes once per shortening, not a little on every turn.
 *
 * <p>Used on the agent's thread only.
 */
final class SentContext {

    /** How full the request is left after old turns are shortened, in percent of the budget. */
    static final int LOW_WATER_PERCENT = 75;

    private final int budget;
    private List<Exchange> sent = List.of();
    private int seen;
    private int shortenings;

    SentContext(int budget) {
        this.budget = budget;
    }

    /**
     * @param exchanges  the whole conversation, which only grows at its end
     * @param fixedChars characters outside the exchanges (the system prompt)
     * @return the exchanges to send now
     */
    List<Exchange> fit(List<Exchange> exchanges, int fixedChars) {
        if (exchanges.size() < seen) {
            sent = List.of();
            seen = 0;
        }
        List<Exchange> next = new ArrayList<>(sent);
        next.addAll(exchanges.subList(seen, exchanges.size()));
        seen = exchanges.size();
        int total = fixedChars;
        for (Exchange exchange : next) {
            total += ContextBudget.size(exchange);
        }
        if (total > budget) {
            next = ContextBudget.fit(next, fixedChars, (int) ((long) budget * LOW_WATER_PERCENT / 100));
            shortenings++;
        }
        sent = List.copyOf(next);
        return sent;
    }

    /** How many times old turns were shortened so far. */
    int shortenings() {
        return shortenings;
    }
}
