package studio.codeact.gui.shell;

import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import studio.codeact.engine.ExecutionStatus;
import studio.codeact.gui.ScriptedEngine;
import studio.codeact.gui.UiStateStore;
import studio.codeact.gui.Workers;
import studio.codeact.gui.assistant.NoAssistant;
import studio.codeact.gui.settings.FileSettingsStorage;
import studio.codeact.llm.settings.SettingsFile;
import studio.codeact.gui.cells.CellView;
import studio.codeact.gui.cells.CellViewModel;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The window's wiring under Monocle, with a hand-driven engine (real-engine gestures live in StudioGesturesFxTest). */
@ExtendWith(ApplicationExtension.class)
class MainWindowFxTest {

    @TempDir
    static Path folder;

    private final ScriptedEngine engine = new ScriptedEngine();
    private Studio studio;

    @Start
    void start(Stage stage) {
        studio = new Studio(stage, new Studio.Config((settings, folder) -> engine, new UiStateStore(folder.resolve("window.json")),
                folder, Workers.create(), file -> { },
                new FileSettingsStorage(new SettingsFile(folder.resolve("settings.json"))),
                context -> new NoAssistant("no model in this test"), Studio.Config.realDoctor(), () -> { }));
        studio.show();
    }

    @Test
    void aCellAddedByHandRunsWithShiftEnter(FxRobot robot) throws Exception {
        robot.clickOn("+ Code cell");
        WaitForAsyncUtils.waitForFxEvents();
        CellView view = robot.lookup(".cell-view").queryAs(CellView.class);
        robot.clickOn(view.editor()).write("print('hello')");
        robot.press(KeyCode.SHIFT, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.SHIFT);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !engine.pending.isEmpty());
        assertThat(engine.pending.getFirst().request().code()).isEqualTo("print('hello')");

        engine.next().ok(1, ScriptedEngine.stdout("hello\n"));
        WaitForAsyncUtils.waitForFxEvents();
        CellViewModel cell = studio.model().notebook().cells().getFirst();
        assertThat(cell.state()).isEqualTo(CellViewModel.State.DONE);
        assertThat(robot.lookup(".stream-output .output-text").queryAs(Label.class).getText()).isEqualTo("hello");
        assertThat(robot.lookup(".cell-count").queryAs(Label.class).getText()).isEqualTo("[1]");
    }

    @Test
    void ctrlPeriodInterruptsTheRunningCell(FxRobot robot) throws Exception {
        robot.interact(() -> studio.model().notebook().run(studio.model().notebook().addCell("while True: pass")));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !engine.pending.isEmpty());
        robot.press(KeyCode.CONTROL, KeyCode.PERIOD).release(KeyCode.PERIOD, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> engine.interrupts() > 0);
        engine.next().answer(ExecutionStatus.ERROR, 1, ScriptedEngine.error("KeyboardInterrupt", ""));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(studio.model().notebook().cells().getFirst().state()).isEqualTo(CellViewModel.State.INTERRUPTED);
    }

    @Test
    void closingWhileACellRunsAsksFirstThenShutsTheEngineDown(FxRobot robot) throws Exception {
        robot.interact(() -> studio.model().notebook().run(studio.model().notebook().addCell("import time; time.sleep(60)")));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !engine.pending.isEmpty());
        javafx.application.Platform.runLater(studio::quit);
        robot.clickOn(shownButton(robot, "Cancel"));
        assertThat(studio.scene().getWindow().isShowing()).isTrue();
        assertThat(engine.closed).isFalse();

        javafx.application.Platform.runLater(studio::quit);
        robot.clickOn(shownButton(robot, "OK"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> engine.closed);
        assertThat(engine.interrupts()).isPositive();
        assertThat(studio.scene().getWindow().isShowing()).isFalse();
    }

    /** The button of the close confirmation that is on screen now (a dialog closed before may still be found, hidden). */
    private static javafx.scene.Node shownButton(FxRobot robot, String text) throws java.util.concurrent.TimeoutException {
        java.util.function.Predicate<javafx.scene.Node> shown = node -> node.isVisible() && node.getScene() != null
                && node.getScene().getWindow() != null && node.getScene().getWindow().isShowing();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("Code is still running. Stop it and close CodeAct Studio?").match(shown).tryQuery().isPresent()
                && robot.lookup(text).match(shown).tryQuery().isPresent());
        return robot.lookup(text).match(shown).query();
    }

    @Test
    void theThemeToggleAndFontSizeAreRemembered(FxRobot robot) {
        boolean dark = studio.model().darkProperty().get();
        robot.clickOn(dark ? "☀ Light" : "☾ Dark");
        robot.clickOn("A+");
        WaitForAsyncUtils.waitForFxEvents();
        var saved = new UiStateStore(folder.resolve("window.json")).load();
        assertThat(saved.dark()).isEqualTo(!dark);
        assertThat(saved.fontSize()).isEqualTo(studio.model().fontSizeProperty().get());
        assertThat(studio.scene().getRoot().getStyleClass()).contains(dark ? "theme-light" : "theme-dark");
    }
}
