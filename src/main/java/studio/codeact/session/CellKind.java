package studio.codeact.session;

import java.util.Locale;

/** Why a cell exists. */
public enum CellKind {
    /** Code the agent ran itself before the model's turns (loading the datasets). */
    SETUP,
    /** A code action the model wrote. */
    ACTION;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CellKind parse(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
