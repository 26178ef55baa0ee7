package studio.codeact.gui;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * What the window remembers between runs: its bounds, the split positions, theme, font size,
 * the user's choice for the approval toggle and recently used sessions. Not secret; kept in {@code window.json} beside
 * the settings file.
 *
 * @param dividers         positions of the main split pane's dividers (0..1), left to right
 * @param askBeforeRunning the user's explicit "ask" (kept for older files, where only {@code true} meant a choice)
 * @param askChoice        the user's explicit choice for "Ask before running code", or null to follow the sandbox
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UiState(double x, double y, double width, double height, boolean maximized,
                      List<Double> dividers, boolean dark, int fontSize, boolean askBeforeRunning,
                      List<String> recentSessions, AskChoice askChoice) {

    /**
     * "Ask before running code" as the user set it, and whether the sandbox confined code then.
     * "Ask" holds always; "don't ask" holds only while the sandbox is as it was (a choice made with the
     * sandbox on does not carry over to running unconfined code).
     */
    public record AskChoice(boolean ask, boolean sandboxed) {

        /** The choice in force when the sandbox is {@code sandboxActive}, if it applies. */
        public java.util.Optional<Boolean> applies(boolean sandboxActive) {
            return ask || sandboxed == sandboxActive ? java.util.Optional.of(ask) : java.util.Optional.empty();
        }
    }

    public static final int MIN_FONT = 10;
    public static final int MAX_FONT = 22;
    public static final int MAX_RECENT = 8;

    public UiState {
        dividers = dividers == null ? List.of(0.30, 0.74) : List.copyOf(dividers);
        fontSize = fontSize <= 0 ? 13 : Math.clamp(fontSize, MIN_FONT, MAX_FONT);
        recentSessions = recentSessions == null ? List.of() : List.copyOf(recentSessions);
        if (askChoice == null && askBeforeRunning) {
            askChoice = new AskChoice(true, true); // an older file: "ask" was off by default, so on was chosen
        }
        askBeforeRunning = askChoice != null && askChoice.ask();
        if (width <= 0 || height <= 0) {
            width = 1360;
            height = 860;
        }
    }

    public static UiState defaults() {
        return new UiState(Double.NaN, Double.NaN, 0, 0, false, null, false, 13, false, null, null);
    }

    public boolean hasPosition() {
        return !Double.isNaN(x) && !Double.isNaN(y);
    }

    public UiState withBounds(double newX, double newY, double newWidth, double newHeight, boolean isMaximized) {
        return new UiState(newX, newY, newWidth, newHeight, isMaximized, dividers, dark, fontSize, askBeforeRunning, recentSessions, askChoice);
    }

    public UiState withDividers(List<Double> positions) {
        return new UiState(x, y, width, height, maximized, positions, dark, fontSize, askBeforeRunning, recentSessions, askChoice);
    }

    public UiState withDark(boolean isDark) {
        return new UiState(x, y, width, height, maximized, dividers, isDark, fontSize, askBeforeRunning, recentSessions, askChoice);
    }

    public UiState withFontSize(int size) {
        return new UiState(x, y, width, height, maximized, dividers, dark, size, askBeforeRunning, recentSessions, askChoice);
    }

    /** Remembers an explicit choice for "Ask before running code" made while the sandbox was {@code sandboxed}. */
    public UiState withAskChoice(boolean ask, boolean sandboxed) {
        return new UiState(x, y, width, height, maximized, dividers, dark, fontSize, ask, recentSessions, new AskChoice(ask, sandboxed));
    }

    /** An explicit choice made with the sandbox on ("ask" holds whatever the sandbox is). */
    public UiState withAskBeforeRunning(boolean ask) {
        return withAskChoice(ask, true);
    }

    /** Puts {@code session} first in the recent list, without duplicates, keeping at most {@link #MAX_RECENT}. */
    public UiState withRecent(String session) {
        java.util.ArrayList<String> list = new java.util.ArrayList<>(recentSessions);
        list.remove(session);
        list.addFirst(session);
        while (list.size() > MAX_RECENT) {
            list.removeLast();
        }
        return new UiState(x, y, width, height, maximized, dividers, dark, fontSize, askBeforeRunning, list, askChoice);
    }
}
