package studio.codeact.agent;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a long conversation within a character budget so a long session keeps working. In order,
 * until it fits: old observations become their short form (whether the cell worked, its error
 * summary, its figures); old replies lose their prose beyond a few lines but keep their code; the
 * oldest turns (a reply with actions and its observation) are left out, marked by a note. Never
 * touched: the system prompt, the questions, the model's answers, and the latest turn.
 */
final class ContextBudget {

    /** Prose kept of an old reply once observations alone do not make room. */
    static final int OLD_PROSE_CHARS = 200;

    private ContextBudget() {
    }

    /**
     * @param fixedChars characters outside the exchanges (the system prompt)
     * @param budget     the most characters the request may carry
     * @return the exchanges to send: {@code exchanges} itself when it fits
     */
    static List<Exchange> fit(List<Exchange> exchanges, int fixedChars, int budget) {
        int total = fixedChars;
        for (Exchange exchange : exchanges) {
            total += size(exchange);
        }
        if (total <= budget) {
            return exchanges;
        }
        List<Exchange> fitted = new ArrayList<>(exchanges);
        int protectedFrom = latestTurnStart(fitted);
        for (int i = 0; i < protectedFrom && total > budget; i++) {
            if (fitted.get(i) instanceof Exchange.Observed observed && !observed.shortened()) {
                Exchange.Observed shorter = new Exchange.Observed(observed.observation().shortened(), true);
                total += size(shorter) - size(observed);
                fitted.set(i, shorter);
            }
        }
        for (int i = 0; i < protectedFrom && total > budget; i++) {
            if (fitted.get(i) instanceof Exchange.Reply reply && reply.hasActions()) {
                Exchange.Reply shorter = reply.withProseClipped(OLD_PROSE_CHARS);
                total += size(shorter) - size(reply);
                fitted.set(i, shorter);
            }
        }
        int i = 0;
        while (total > budget && i < latestTurnStart(fitted)) {
            if (fitted.get(i) instanceof Exchange.Reply reply && reply.hasActions()
                    && i + 1 < fitted.size() && fitted.get(i + 1) instanceof Exchange.Observed observed) {
                total -= size(reply) + size(observed);
                fitted.remove(i + 1);
                fitted.remove(i);
                int dropped = 1;
                if (i > 0 && fitted.get(i - 1) instanceof Exchange.Gap gap) {
                    dropped += gap.turns();
                    total -= size(gap);
                    fitted.remove(--i);
                }
                Exchange.Gap gap = new Exchange.Gap(dropped);
                total += size(gap);
                fitted.add(i, gap);
            }
            i++;
        }
        return fitted;
    }

    /** Index of the latest reply with actions followed by its observation (the latest turn); everything from there on is kept whole. */
    static int latestTurnStart(List<Exchange> exchanges) {
        for (int i = exchanges.size() - 1; i >= 0; i--) {
            if (exchanges.get(i) instanceof Exchange.Reply reply && reply.hasActions()) {
                return i;
            }
        }
        return exchanges.size();
    }

    static int size(Exchange exchange) {
        return switch (exchange) {
            case Exchange.Question question -> question.text().length();
            case Exchange.Reply reply -> reply.asTaggedText().length();
            case Exchange.Observed observed -> Conversation.OBSERVATION_HEADING.length() + observed.observation().text().length();
            case Exchange.Gap gap -> gap.note().length() + 2;
        };
    }
}
