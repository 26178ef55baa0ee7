package studio.codeact.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How the model acts: the paper's three action formats over the same tools. */
public enum ActionMode {
    /** Python code actions: the CodeAct agent; tools are plain functions in the interpreter. */
    CODE,
    /** One JSON tool call per turn: {@code {"name": …, "arguments": {…}}}. */
    JSON,
    /** One text tool call per turn: {@code Action: tool} and {@code Action Input: …} lines. */
    TEXT;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ActionMode parse(String text) {
        for (ActionMode mode : values()) {
            if (mode.id().equalsIgnoreCase(text.strip())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown mode '" + text.strip() + "'; use code, json or text");
    }

    /** {@code "code,json"} → [CODE, JSON], in the order given, without repeats. */
    public static List<ActionMode> parseList(String text) {
        List<ActionMode> modes = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                ActionMode mode = parse(part);
                if (!modes.contains(mode)) {
                    modes.add(mode);
                }
            }
        }
        if (modes.isEmpty()) {
            throw new IllegalArgumentException("no mode given; use code, json, text or a list like code,json");
        }
        return modes;
    }
}
