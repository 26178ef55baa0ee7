package studio.codeact.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What an action is written as — the CodeAct paper's three action formats over the same tools
 * (the benchmark's {@code --mode}). A {@link #CODE} action travels either in tags or as a tool
 * call; {@link ActionMode} says which.
 */
public enum ActionFormat {
    /** Python code actions: the CodeAct agent; tools are plain functions in the interpreter. */
    CODE,
    /** One JSON tool call per turn: {@code {"name": …, "arguments": {…}}}. */
    JSON,
    /** One text tool call per turn: {@code Action: tool} and {@code Action Input: …} lines. */
    TEXT;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ActionFormat parse(String text) {
        for (ActionFormat mode : values()) {
            if (mode.id().equalsIgnoreCase(text.strip())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown mode '" + text.strip() + "'; use code, json or text");
    }

    /** {@code "code,json"} → [CODE, JSON], in the order given, without repeats. */
    public static List<ActionFormat> parseList(String text) {
        List<ActionFormat> modes = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                ActionFormat mode = parse(part);
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
