package studio.codeact.gui.shell;

import javafx.scene.control.ComboBox;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import studio.codeact.gui.ScriptedEngine;
import studio.codeact.gui.UiStateStore;
import studio.codeact.gui.Workers;
import studio.codeact.gui.assistant.NoAssistant;
import studio.codeact.gui.settings.FileSettingsStorage;
import studio.codeact.gui.settings.ProviderChoice;
import studio.codeact.gui.settings.SettingsForm;
import studio.codeact.llm.settings.SettingsFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Settings typed into the dialog are in the owner-only file and in force after a restart of the window. */
@ExtendWith(ApplicationExtension.class)
class SettingsFxTest {

    @TempDir
    static Path folder;

    private Stage stage;

    @Start
    void start(Stage primary) {
        stage = primary;
    }

    private Studio open(FxRobot robot) {
        Studio[] made = new Studio[1];
        robot.interact(() -> {
            made[0] = new Studio(stage, new Studio.Config((settings, folder) -> new ScriptedEngine(), new UiStateStore(folder.resolve("window.json")),
                    folder, Workers.create(), file -> { }, new FileSettingsStorage(new SettingsFile(folder.resolve("settings.json"))),
                context -> new NoAssistant("no model in this test"), Studio.Config.realDoctor(), () -> { }));
            made[0].show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        return made[0];
    }

    @SuppressWarnings("unchecked")
    private static ComboBox<ProviderChoice> providerBox(FxRobot robot) {
        return (ComboBox<ProviderChoice>) robot.lookup("#provider").query();
    }

    @Test
    void settingsSurviveARestart(FxRobot robot) throws Exception {
        Studio first = open(robot);
        assertThat(first.model().chat().modelConfiguredProperty().get()).isFalse();
        robot.clickOn("Set up a model…");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#provider").tryQuery().isPresent());
        robot.interact(() -> providerBox(robot).setValue(ProviderChoice.CUSTOM));
        TextField url = robot.lookup("#base-url").queryAs(TextField.class);
        robot.interact(url::clear);
        robot.clickOn(url).write("http://127.0.0.1:9/v1");
        robot.clickOn(robot.lookup("#model").<ComboBox<?>>query().getEditor()).write("qwen2.5-coder:7b");
        robot.clickOn(robot.lookup("#api-key").queryAs(PasswordField.class)).write("sk-local-secret");
        robot.interact(() -> studio.codeact.gui.Screenshot.write(url.getScene(), Path.of("target/screenshots/settings.png")));
        TextField memory = robot.lookup("#compute-memory-limit").queryAs(TextField.class);
        robot.interact(() -> memory.setText("lots"));
        assertThat(robot.lookup("#compute-problem").queryAs(javafx.scene.control.Label.class).getText()).as("said at once").contains("2G");
        robot.interact(() -> {
            memory.setText("2G");
            robot.lookup("#compute-dask-scheduler").queryAs(TextField.class).setText("tcp://10.0.0.5:8786");
            memory.getParent().requestFocus();
        });
        assertThat(robot.lookup("#compute-problem").queryAs(javafx.scene.control.Label.class).getText()).isEmpty();
        robot.interact(() -> {
            javafx.scene.control.ScrollPane scroll = robot.lookup(".dialog-pane .scroll-pane").queryAs(javafx.scene.control.ScrollPane.class);
            scroll.setVvalue(0.8);
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> studio.codeact.gui.Screenshot.write(url.getScene(), Path.of("target/screenshots/settings-compute.png")));
        robot.clickOn("Save");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> first.model().chat().modelConfiguredProperty().get());
        assertThat(first.model().modelNameProperty().get()).isEqualTo("qwen2.5-coder:7b");

        Path file = folder.resolve("settings.json");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(file)).contains("\"apiKey\" : \"sk-local-secret\"").contains("\"model\" : \"qwen2.5-coder:7b\"")
                .contains("\"memoryLimit\" : \"2G\"").contains("\"daskScheduler\" : \"tcp://10.0.0.5:8786\"");

        robot.interact(first::close);
        WaitForAsyncUtils.waitForFxEvents();
        Studio second = open(robot);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> second.model().chat().modelConfiguredProperty().get());
        SettingsForm form = second.settings();
        assertThat(form.provider()).isEqualTo(ProviderChoice.CUSTOM);
        assertThat(form.baseUrl()).isEqualTo("http://127.0.0.1:9/v1");
        assertThat(form.apiKey()).isEqualTo("sk-local-secret");
        assertThat(form.compute()).isEqualTo(new studio.codeact.gui.settings.ComputeSettings("2G", "", "tcp://10.0.0.5:8786"));
        assertThat(second.model().modelNameProperty().get()).isEqualTo("qwen2.5-coder:7b");
    }
}
