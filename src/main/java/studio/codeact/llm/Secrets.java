package studio.codeact.llm;

/** Keeps API keys out of text meant for people: logs, messages, {@code toString}. */
public final class Secrets {

    /** What a key is shown as. */
    public static final String MASK = "***";

    private Secrets() {
    }

    /** {@code "(none)"} for no key, otherwise {@link #MASK}; never any part of the key. */
    public static String mask(String secret) {
        return secret == null || secret.isEmpty() ? "(none)" : MASK;
    }

    /** {@code text} with every occurrence of {@code secret} replaced by {@link #MASK}. */
    public static String redact(String text, String secret) {
        if (text == null || secret == null || secret.isEmpty()) {
            return text;
        }
        return text.replace(secret, MASK);
    }
}
