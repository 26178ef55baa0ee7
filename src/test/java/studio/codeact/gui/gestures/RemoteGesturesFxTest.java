package studio.codeact.gui.gestures;

import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import studio.codeact.engine.EngineKind;
import studio.codeact.gui.EngineFactory;
import studio.codeact.gui.Screenshot;
import studio.codeact.gui.UiStateStore;
import studio.codeact.gui.Workers;
import studio.codeact.gui.assistant.AgentAssistant;
import studio.codeact.gui.cells.CellView;
import studio.codeact.gui.cells.CellViewModel;
import studio.codeact.gui.data.DatasetsViewModel;
import studio.codeact.gui.data.FilesViewModel;
import studio.codeact.gui.settings.FileSettingsStorage;
import studio.codeact.gui.shell.Studio;
import studio.codeact.llm.settings.SettingsFile;
import studio.codeact.testing.JupyterServerFixture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The window on the remote engine, against a real Jupyter Server: the settings name the server
 * (as Settings → Python engine → Jupyter server saves them), a cell typed in the window runs on
 * the server, and the Files panel lists what it wrote in the session's folder there. A data file
 * handed over at start (open with) loads on that engine, not on the default one.
 */
@ExtendWith(ApplicationExtension.class)
class RemoteGesturesFxTest {

    static final Path FOLDER = GestureFolders.create();
    private static final JupyterServerFixture SERVER = JupyterServerFixture.start();

    private Studio studio;

    @AfterAll
    static void stopServer() {
        SERVER.close();
    }

    @Start
    void start(Stage stage) {
        Path settings = FOLDER.resolve("settings.json");
        Path data = FOLDER.resolve("regions.csv");
        try {
            Files.writeString(data, "region,total\nnorth,10\nsouth,7\n");
            Files.writeString(settings, """
                    {"engine": "remote", "jupyter": {"url": "%s", "token": "%s"}}""".formatted(SERVER.url(), SERVER.token()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        studio = new Studio(stage, new Studio.Config(EngineFactory::create, new UiStateStore(FOLDER.resolve("window.json")),
                FOLDER.resolve("session-1").resolve("work"), Workers.create(), file -> { },
                new FileSettingsStorage(new SettingsFile(settings)),
                AgentAssistant.fromSettings(), Studio.Config.realDoctor(), () -> { }));
        studio.show();
        studio.loadData(java.util.List.of(data)); // as a file opened with the app is: before the settings are read
    }

    @Test
    void aFileOpenedWithTheAppAndACellRunOnTheServerAndTheFilesPanelListsWhatItWrote(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !studio.datasets().datasets().isEmpty()
                && studio.datasets().datasets().getFirst().state() == DatasetsViewModel.State.LOADED);
        assertThat(studio.model().engine().kindProperty().get()).as("the engine the settings name, not the default").isEqualTo(EngineKind.REMOTE);

        robot.clickOn("+ Code cell");
        WaitForAsyncUtils.waitForFxEvents();
        CellViewModel cell = studio.model().notebook().cells().getLast();
        CellView view = robot.lookup(".cell-view").match((CellView v) -> v.cell() == cell).query();
        robot.interact(() -> view.editor().replaceText("open('summary.csv', 'w').write('region,total\\nnorth,10\\n')"));
        robot.clickOn(view.editor()).press(KeyCode.SHIFT, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.SHIFT);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> cell.state() == CellViewModel.State.DONE);
        assertThat(studio.model().engine().kindProperty().get()).isEqualTo(EngineKind.REMOTE);

        FilesViewModel files = studio.model().files();
        robot.interact(() -> studio.window().showSidePanel("Files"));
        robot.interact(files::refresh);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> files.files().stream().anyMatch(f -> f.relative().equals("summary.csv")));
        assertThat(files.files()).extracting(f -> f.relative()).as("the uploaded data file and what the cell wrote")
                .containsExactlyInAnyOrder("regions.csv", "summary.csv");
        assertThat(files.onServerProperty().get()).isTrue();
        assertThat(files.locationProperty().get()).contains(" on " + SERVER.url());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".files-view .table-view").queryAs(TableView.class).getItems()).hasSize(2);
        robot.interact(() -> Screenshot.write(studio.scene(), Path.of("target/screenshots/remote-files.png")));
    }
}
