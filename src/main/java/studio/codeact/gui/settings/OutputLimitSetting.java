package studio.codeact.gui.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import studio.codeact.engine.OutputBound;
import studio.codeact.llm.settings.SettingsFile;

import java.util.Optional;

/**
 * Settings → Assistant → Output limit: the characters kept of a cell's printed output (head and
 * tail, with a count of what was cut), in the settings file's top-level {@code "outputLimit"}
 * (the key {@code codeact ask} reads when no {@code --output-limit} is given). It travels in
 * {@link SettingsForm#outputLimit()}; {@code FileSettingsStorage} reads and writes it with
 * these helpers, and the window applies it to the cells started after it is saved.
 */
public final class OutputLimitSetting {

    /** The smallest limit a user may set (a cell's head and tail must still say something). */
    public static final int MINIMUM = 1_000;

    private OutputLimitSetting() {
    }

    /** The limit the settings' {@code root} holds, or the default when it holds none (or an unusable one). */
    public static int fromJson(JsonNode root) {
        JsonNode saved = root.path(OutputBound.SETTINGS_KEY);
        return saved.canConvertToInt() && saved.asInt() >= MINIMUM ? saved.asInt() : OutputBound.DEFAULT_LIMIT;
    }

    /** The saved limit, or the default when the file holds none (or an unusable one, or cannot be read). */
    public static int load(SettingsFile file) {
        try {
            return fromJson(file.read());
        } catch (RuntimeException e) {
            return OutputBound.DEFAULT_LIMIT;
        }
    }

    /** Puts {@code chars} into the settings' {@code root}. */
    public static void writeTo(ObjectNode root, int chars) {
        root.put(OutputBound.SETTINGS_KEY, chars);
    }

    /** Saves {@code chars} and applies it to the cells started from now on. */
    public static void save(SettingsFile file, int chars) {
        OutputBound.setDefaultLimit(chars);
        file.update(root -> writeTo(root, chars));
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
            return chars >= MINIMUM ? Optional.empty() : Optional.of("the output limit must be at least " + MINIMUM + " characters");
        } catch (NumberFormatException e) {
            return Optional.of("the output limit is a whole number of characters, e.g. 100000");
        }
    }

    /** {@code text} as a limit (check {@link #problem} first). */
    public static int parse(String text) {
        return Integer.parseInt(text.strip().replace(",", "").replace("_", ""));
    }
}
