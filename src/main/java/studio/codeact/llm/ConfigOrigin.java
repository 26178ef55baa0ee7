package studio.codeact.llm;

/**
 * Where a connection's settings came from, in words an error message can point at: the API key
 * ("the environment variable OPENAI_API_KEY", "the settings file ~/.config/…/settings.json") and
 * the rest (base URL, model, timeouts). The app says "Settings → Model"; the command line names
 * the flag, variable or file instead.
 *
 * @param key      where the key was found, or where to put one when there is none
 * @param settings where the base URL, model and limits can be changed
 * @param timeouts where the time limits can be raised
 */
public record ConfigOrigin(String key, String settings, String timeouts) {

    /** The desktop app's settings dialog. */
    public static final ConfigOrigin APP = new ConfigOrigin("Settings \u2192 Model", "Settings \u2192 Model", "Settings \u2192 Model");
}
