package studio.codeact.engine;

import java.util.List;

/** Completions for the text before {@code cursorEnd}, replacing {@code [cursorStart, cursorEnd)}. */
public record Completion(List<String> matches, int cursorStart, int cursorEnd) {
    public Completion {
        matches = List.copyOf(matches);
    }
}
