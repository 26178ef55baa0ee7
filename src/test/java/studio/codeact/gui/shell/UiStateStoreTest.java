package studio.codeact.gui.shell;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codeact.gui.UiState;
import studio.codeact.gui.UiStateStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UiStateStoreTest {

    @Test
    void windowStateSurvivesARestart(@TempDir Path folder) {
        UiStateStore store = new UiStateStore(folder.resolve("window.json"));
        UiState saved = UiState.defaults().withBounds(10, 20, 1200, 800, false).withDividers(List.of(0.25, 0.7))
                .withDark(true).withFontSize(16).withAskBeforeRunning(true).withRecent("/s/one");
        store.save(saved);
        UiState loaded = new UiStateStore(folder.resolve("window.json")).load();
        assertThat(loaded).isEqualTo(saved);
    }

    @Test
    void aBrokenFileGivesTheDefaults(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("window.json"), "{ not json");
        assertThat(new UiStateStore(folder.resolve("window.json")).load()).isEqualTo(UiState.defaults());
    }

    @Test
    void recentSessionsAreUniqueNewestFirstAndBounded() {
        UiState state = UiState.defaults();
        for (int i = 0; i < 12; i++) {
            state = state.withRecent("/s/" + i);
        }
        state = state.withRecent("/s/5");
        assertThat(state.recentSessions()).hasSize(UiState.MAX_RECENT).first().isEqualTo("/s/5");
        assertThat(state.recentSessions()).doesNotHaveDuplicates();
    }

    @Test
    void fontSizeStaysInItsRange() {
        assertThat(UiState.defaults().withFontSize(99).fontSize()).isEqualTo(UiState.MAX_FONT);
        assertThat(UiState.defaults().withFontSize(3).fontSize()).isEqualTo(UiState.MIN_FONT);
    }

    @Test
    void anOlderFilesAskOnIsAChoiceButItsAskOffIsNone(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("window.json"), "{\"askBeforeRunning\": true, \"fontSize\": 13}");
        assertThat(new UiStateStore(folder.resolve("window.json")).load().askChoice()).isEqualTo(new UiState.AskChoice(true, true));
        Files.writeString(folder.resolve("window.json"), "{\"askBeforeRunning\": false, \"fontSize\": 13}");
        assertThat(new UiStateStore(folder.resolve("window.json")).load().askChoice()).isNull();
    }

    @Test
    void askHoldsAlwaysButDontAskOnlyWhileTheSandboxIsAsItWas() {
        assertThat(new UiState.AskChoice(true, true).applies(false)).contains(true);
        assertThat(new UiState.AskChoice(false, false).applies(false)).contains(false);
        assertThat(new UiState.AskChoice(false, true).applies(true)).contains(false);
        assertThat(new UiState.AskChoice(false, true).applies(false)).isEmpty();
    }
}
