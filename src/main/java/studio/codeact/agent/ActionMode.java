package studio.codeact.agent;

import java.util.Locale;

/**
 * How a code action travels ({@code ask --action-mode}): in tags, or as a call of the one
 * native tool {@code execute_python}. The action's format itself — code, JSON or text — is an
 * {@link ActionFormat}; the agent always works with {@link ActionFormat#CODE}.
 */
public enum ActionMode {
    /** Pick by provider: native tools where the provider has them, falling back to tags if the server refuses tools. */
    AUTO,
    /** Code in {@code <execute>} tags or {@code ```python} blocks, with {@code </execute>} as a stop sequence; works with any model. */
    TAGS,
    /** Native function calling: one tool, {@code execute_python(code)}. */
    TOOLS;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ActionMode parse(String text) {
        for (ActionMode mode : values()) {
            if (mode.id().equalsIgnoreCase(text.trim())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown action mode '" + text + "'; use auto, tags or tools");
    }

    /**
     * The mode {@code AUTO} stands for with this provider: tools for the hosted APIs that are known to
     * support them ({@code openai}, {@code anthropic}); tags for anything else.
     */
    public ActionMode resolve(String provider) {
        if (this != AUTO) {
            return this;
        }
        return switch (provider == null ? "" : provider.toLowerCase(Locale.ROOT)) {
            case "openai", "anthropic" -> TOOLS;
            default -> TAGS;
        };
    }
}
