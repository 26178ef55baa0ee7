package studio.codeact.gui.gestures;

import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import studio.codeact.engine.OutputBound;
import studio.codeact.gui.EngineFactory;
import studio.codeact.gui.Screenshot;
import studio.codeact.gui.UiStateStore;
import studio.codeact.gui.Workers;
import studio.codeact.gui.cells.CellView;
import studio.codeact.gui.cells.CellViewModel;
import studio.codeact.gui.cells.OutputItem;
import studio.codeact.gui.settings.FileSettingsStorage;
import studio.codeact.gui.shell.Studio;
import studio.codeact.llm.settings.SettingsFile;
import studio.codeact.testing.LiveHeap;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13 item 3 in the desktop app: a cell printing a hundred megabytes shows a bounded head
 * and tail with the count of what was cut, live and at the end, and the app keeps about the
 * output limit of it (the chunks the FX thread could not draw in time were merged on the way,
 * {@code OutputFeed}).
 */
@ExtendWith(ApplicationExtension.class)
class HugeOutputFxTest {

    static final Path FOLDER = GestureFolders.create();

    private Studio studio;

    @Start
    void start(Stage stage) {
        studio = new Studio(stage, new Studio.Config(EngineFactory::create, new UiStateStore(FOLDER.resolve("window.json")),
                FOLDER, Workers.create(), file -> { }, new FileSettingsStorage(new SettingsFile(FOLDER.resolve("settings.json"))),
                context -> new studio.codeact.gui.assistant.NoAssistant("cells only"), Studio.Config.realDoctor(), () -> { }));
        studio.show();
    }

    @Test
    void aCellPrintingAHundredMegabytesShowsHeadTailAndTheCut(FxRobot robot) throws Exception {
        long before = LiveHeap.bytes(); // the suite's other tests share this JVM: what counts is what the flood leaves
        robot.clickOn("+ Code cell");
        WaitForAsyncUtils.waitForFxEvents();
        CellViewModel cell = studio.model().notebook().cells().getLast();
        CellView view = robot.lookup(".cell-view").match((CellView v) -> v.cell() == cell).query();
        robot.interact(() -> view.editor().replaceText("""
                import sys
                print('first line')
                _chunk = ('z' * 1023 + '\\n') * 1024
                for _ in range(100):
                    sys.stdout.write(_chunk)
                print('last line')"""));
        robot.clickOn(view.editor()).press(KeyCode.SHIFT, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.SHIFT);
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> cell.state() == CellViewModel.State.DONE);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(cell.outputs()).hasSize(1);
        String shown = ((OutputItem.StreamText) cell.outputs().getFirst()).text();
        int limit = OutputBound.defaultLimit();
        assertThat(shown.length()).isLessThan(limit + 200);
        assertThat(shown).startsWith("first line\nzzz").endsWith("z\nlast line\n")
                .containsPattern("\\[\u2026 [0-9,]+ characters \\([0-9,]+ lines\\) cut from the middle \u2026\\]");
        assertThat(robot.lookup(".stream-output .output-text").queryAs(Label.class).getText()).startsWith("first line\nzzz");

        assertThat(robot.lookup(".show-all").queryAs(Hyperlink.class).getText()).containsPattern("show all [0-9]+ lines kept \u00b7 [0-9,]+ characters \\([0-9,]+ lines\\) cut from the middle");
        robot.interact(() -> Screenshot.write(studio.scene(), Path.of("target/screenshots/huge-output.png")));
        Hyperlink showAll = robot.lookup(".show-all").queryAs(Hyperlink.class);
        robot.interact(showAll::fire); // below thousands of lines of output: where the cells view is scrolled to is not the point here
        WaitForAsyncUtils.waitForFxEvents();
        String all = robot.lookup(".stream-output .output-text").queryAs(TextArea.class).getText();
        assertThat(all).contains("cut from the middle").endsWith("last line");

        assertThat(LiveHeap.bytes() - before).as("heap the 100 MB flood left in use").isLessThan(64L << 20);
    }

}
