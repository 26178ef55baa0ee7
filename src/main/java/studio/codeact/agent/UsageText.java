package studio.codeact.agent;

import studio.codeact.llm.settings.ModelPrice;
import studio.codeact.session.TokenUsage;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/** Token usage in words, the same on the command line and in the window, with a cost estimate when the model's price is known. */
public final class UsageText {

    private UsageText() {
    }

    /** Estimated dollars, when a price is known and the server reported its counts. */
    public static OptionalDouble cost(TokenUsage usage, Optional<ModelPrice> price) {
        if (price.isEmpty() || !usage.reported()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(price.get().cost(usage.uncachedInput(), usage.cachedInput(), usage.cacheWrite(), usage.output()));
    }

    /** E.g. {@code 12,345 tokens in (10,240 cached), 567 out · ≈ $0.0123}; empty when nothing was called. */
    public static String brief(TokenUsage usage, Optional<ModelPrice> price) {
        if (usage.isEmpty()) {
            return "";
        }
        if (!usage.reported()) {
            return "the server reported no token counts";
        }
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%,d tokens in", usage.input()));
        if (usage.cachedInput() > 0 || usage.cacheWrite() > 0) {
            text.append(" (");
            if (usage.cachedInput() > 0) {
                text.append(String.format(Locale.ROOT, "%,d cached", usage.cachedInput()));
            }
            if (usage.cacheWrite() > 0) {
                text.append(usage.cachedInput() > 0 ? ", " : "").append(String.format(Locale.ROOT, "%,d written to cache", usage.cacheWrite()));
            }
            text.append(')');
        }
        text.append(String.format(Locale.ROOT, ", %,d out", usage.output()));
        cost(usage, price).ifPresent(dollars -> text.append(" \u00b7 \u2248 ").append(dollars(dollars)));
        return text.toString();
    }

    /** One line for the end of a run: the brief form and the number of model calls. */
    public static String line(TokenUsage usage, Optional<ModelPrice> price) {
        if (usage.isEmpty()) {
            return "usage: no model calls";
        }
        String calls = usage.calls() == 1 ? "1 model call" : usage.calls() + " model calls";
        String unreported = usage.reported() && usage.unreported() > 0 ? " (" + usage.unreported() + " without counts)" : "";
        return "usage: " + brief(usage, price) + " over " + calls + unreported;
    }

    static String dollars(double dollars) {
        if (dollars == 0) {
            return "$0";
        }
        return dollars < 0.01 ? String.format(Locale.ROOT, "$%.4f", dollars) : String.format(Locale.ROOT, "$%.2f", dollars);
    }
}
