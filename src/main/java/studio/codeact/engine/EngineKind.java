package studio.codeact.engine;

import java.util.Locale;

/** Which engine runs the Python. */
public enum EngineKind {
    /** CPython inside the app's process (the default). */
    EMBEDDED,
    /** An {@code ipykernel} process over the Jupyter protocol. */
    KERNEL,
    /** A kernel on a Jupyter Server, JupyterHub or Enterprise Gateway (REST + WebSocket). */
    REMOTE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code embedded}, {@code kernel} or {@code remote}; anything else is a clear error. */
    public static EngineKind parse(String text) {
        for (EngineKind kind : values()) {
            if (kind.id().equalsIgnoreCase(text.trim())) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown engine '" + text + "'; use embedded, kernel or remote");
    }
}
