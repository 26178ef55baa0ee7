package studio.codeact.gui.settings;

import com.fasterxml.jackson.databind.JsonNode;
import studio.codeact.engine.OutputBound;
import studio.codeact.llm.settings.SettingsFile;

import java.util.Optional;

/**
 * Settings → Assistant → Output limit: the characters kept of a cell's printed output (head and
 * tail, with a count of what was cut), in the settings file's top-level {@code "outputLimit"}
 * (the key {@code codeact ask} reads when no {@code --output-limit} is given). Read and written
 * here alone, beside {@link SettingsForm}; it applies to cells started after it is saved.
 */
public final class OutputLimitSetting {

    private OutputLimitSetting() {
    }

    /** The saved limit, or the default when the file holds none (or an unusable one). */
    public static int load(SettingsFile file) {
        try {
            JsonNode saved = file.read().path(OutputBound.SETTINGS_KEY);
            return saved.canConvertToInt() && saved.asInt() >= 1_000 ? saved.asInt() : OutputBound.DEFAULT_LIMIT;
        } catch (RuntimeException e) {
            return OutputBound.DEFAULT_LIMIT;
        }
    }

    /** Saves {@code chars} and applies it to the cells started from now on. */
    public static void save(SettingsFile file, int chars) {
        OutputBound.setDefaultLimit(chars);
        file.update(root -> root.put(OutputBound.SETTINGS_KEY, chars));
    }

    /** Reads the saved limit and applies it to the cells started from now on; returns it. */
    public static int apply(SettingsFile file) {
        int chars = load(file);
        OutputBound.setDefaultLimit(chars);
        return chars;
    }

    /** What is wrong with {@code text} as a limit, if anything. */
    public static Optional<String> problem(String text) {
        try {
            int chars = Integer.parseInt(text.strip().replace(",", "").replace("_", ""));
            return chars >= 1_000 ? Optional.empty() : Optional.of("the output limit must be at least 1000 characters");
        } catch (NumberFormatException e) {
            return Optional.of("the output limit is a whole number of characters, e.g. 100000");
        }
    }

    /** {@code text} as a limit (check {@link #problem} first). */
    public static int parse(String text) {
        return Integer.parseInt(text.strip().replace(",", "").replace("_", ""));
    }
}
