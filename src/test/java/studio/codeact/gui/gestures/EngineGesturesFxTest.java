package studio.codeact.gui.gestures;

import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import studio.codeact.gui.EngineFactory;
import studio.codeact.gui.Screenshot;
import studio.codeact.gui.UiStateStore;
import studio.codeact.gui.Workers;
import studio.codeact.gui.cells.CellView;
import studio.codeact.gui.cells.CellViewModel;
import studio.codeact.gui.settings.FileSettingsStorage;
import studio.codeact.gui.shell.Studio;
import studio.codeact.gui.table.FrameTableView;
import studio.codeact.gui.table.FrameTableViewModel;
import studio.codeact.llm.settings.SettingsFile;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Whole gestures on a real embedded CPython: type and run cells, see figures, page a huge frame, interrupt. */
@ExtendWith(ApplicationExtension.class)
class EngineGesturesFxTest {

    /**
     * Kept for the whole test run, under target/: the embedded engine moves the process into its
     * working folder, and a later engine in the same JVM cannot start if that folder was deleted.
     */
    static final Path FOLDER = GestureFolders.create();

    private Studio studio;

    @Start
    void start(Stage stage) {
        studio = new Studio(stage, new Studio.Config(EngineFactory::create, new UiStateStore(FOLDER.resolve("window.json")),
                FOLDER, Workers.create(), file -> { }, new FileSettingsStorage(new SettingsFile(FOLDER.resolve("settings.json"))),
                context -> new studio.codeact.gui.assistant.NoAssistant("cells only"), Studio.Config.realDoctor(), () -> { }));
        studio.show();
    }

    private CellViewModel typeAndRun(FxRobot robot, String code) throws Exception {
        robot.clickOn("+ Code cell");
        WaitForAsyncUtils.waitForFxEvents();
        CellViewModel cell = studio.model().notebook().cells().getLast();
        CellView view = robot.lookup(".cell-view").match((CellView v) -> v.cell() == cell).query();
        robot.interact(() -> view.editor().replaceText(code));
        robot.clickOn(view.editor()).press(KeyCode.SHIFT, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.SHIFT);
        return cell;
    }

    private static void waitFor(CellViewModel cell, CellViewModel.State state) throws Exception {
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> cell.state() == state);
    }

    @Test
    void aCellRunsOnRealPythonAndItsFigureShows(FxRobot robot) throws Exception {
        CellViewModel cell = typeAndRun(robot, """
                import matplotlib.pyplot as plt
                print('squares', [i * i for i in range(5)])
                plt.plot([1, 4, 9, 16])
                plt.title('growth')
                plt.show()""");
        waitFor(cell, CellViewModel.State.DONE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".stream-output .output-text").queryAs(Label.class).getText()).isEqualTo("squares [0, 1, 4, 9, 16]");
        assertThat(robot.lookup(".figure-output").queryAll()).hasSize(1);
        assertThat(cell.executionCountProperty().get()).isPositive();
        robot.interact(() -> Screenshot.write(studio.scene(), Path.of("target/screenshots/real-figure.png")));
    }

    @Test
    void aTenMillionRowFrameScrollsAndSortsInPython(FxRobot robot) throws Exception {
        CellViewModel cell = typeAndRun(robot, """
                import numpy as np, pandas as pd
                big = pd.DataFrame({'n': np.arange(10_000_000), 'half': np.arange(10_000_000) / 2})
                big""");
        waitFor(cell, CellViewModel.State.DONE);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup(".frame-table").tryQuery().isPresent());
        FrameTableView table = robot.lookup(".frame-table").queryAs(FrameTableView.class);
        FrameTableViewModel model = table.model();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> model.totalRowsProperty().get() == 10_000_000);
        robot.interact(() -> table.table().scrollTo(9_999_990));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> Long.valueOf(9_999_995L).equals(model.valueAt(9_999_995, 0)));

        TableColumn<Integer, ?> n = table.table().getColumns().get(1);
        robot.interact(() -> {
            n.setSortType(TableColumn.SortType.DESCENDING);
            table.table().getSortOrder().setAll(java.util.List.of(n));
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> Long.valueOf(9_999_999L).equals(model.valueAt(0, 0)));
        assertThat(model.sortColumnProperty().get()).isEqualTo("n");
    }

    @Test
    void theInterruptButtonStopsARunningCell(FxRobot robot) throws Exception {
        CellViewModel cell = typeAndRun(robot, """
                import time
                print('waiting', flush=True)
                for i in range(600):
                    time.sleep(0.05)""");
        waitFor(cell, CellViewModel.State.RUNNING);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("Interrupt").tryQuery().map(b -> !b.isDisabled()).orElse(false));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> cell.outputs().stream()
                .anyMatch(o -> o instanceof studio.codeact.gui.cells.OutputItem.StreamText text && text.text().contains("waiting")));
        robot.clickOn("Interrupt");
        waitFor(cell, CellViewModel.State.INTERRUPTED);
        assertThat(cell.error()).get().extracting(e -> e.ename()).isEqualTo("KeyboardInterrupt");
    }

    @Test
    void aLongDaskComputationShowsALiveProgressBarThatIsGoneWhenItEnds(FxRobot robot) throws Exception {
        CellViewModel imports = typeAndRun(robot, "import time\nimport dask.bag as db");
        waitFor(imports, CellViewModel.State.DONE);
        CellViewModel cell = typeAndRun(robot, """
                slow = db.from_sequence(range(60), npartitions=60).map(lambda x: (time.sleep(0.1), x)[1])
                print(slow.sum().compute(scheduler='threads', num_workers=2))""");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup(".output-progress").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".output-progress .progress-text").queryAs(Label.class).getText()).contains("tasks");
        javafx.scene.control.ProgressBar bar = robot.lookup(".output-progress .progress-bar").queryAs(javafx.scene.control.ProgressBar.class);
        assertThat(bar.getProgress()).isBetween(0.0, 1.0);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> bar.getHeight() > 0); // drawn, not collapsed
        robot.interact(() -> Screenshot.write(studio.scene(), Path.of("target/screenshots/dask-progress.png")));

        waitFor(cell, CellViewModel.State.DONE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".output-progress").tryQuery()).as("no bar once the computation ended").isEmpty();
        assertThat(cell.outputs()).noneMatch(o -> o instanceof studio.codeact.gui.cells.OutputItem.Progress);
        assertThat(cell.outputs()).anyMatch(o -> o instanceof studio.codeact.gui.cells.OutputItem.StreamText text && text.text().contains("1770"));
    }
}
