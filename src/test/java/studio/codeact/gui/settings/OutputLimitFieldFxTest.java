package studio.codeact.gui.settings;

import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import studio.codeact.gui.Doctor;
import studio.codeact.gui.Screenshot;
import studio.codeact.gui.UiExecutor;
import studio.codeact.llm.settings.SettingsFile;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Settings → Assistant → Output limit: the field shows the saved limit and says what is wrong with a bad one. */
@ExtendWith(ApplicationExtension.class)
class OutputLimitFieldFxTest {

    @TempDir
    static Path dir;

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 400, 300));
        stage.show();
    }

    @Test
    void theFieldShowsTheSavedLimitAndExplainsABadOne(FxRobot robot) {
        SettingsViewModel model = new SettingsViewModel(new FileSettingsStorage(new SettingsFile(dir.resolve("settings.json"))),
                (python, kind) -> new Doctor.Report(true, "ready", ""), UiExecutor.direct(), Runnable::run);
        model.load().join();
        SettingsDialog[] dialog = new SettingsDialog[1];
        robot.interact(() -> {
            dialog[0] = new SettingsDialog(stage, model);
            dialog[0].show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        TextField field = robot.lookup("#output-limit").queryAs(TextField.class);
        assertThat(field.getText()).isEqualTo(Integer.toString(OutputLimitSetting.load(new SettingsFile(dir.resolve("settings.json")))));

        robot.interact(() -> field.setText("lots"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".save-error").queryAllAs(javafx.scene.control.Label.class))
                .anyMatch(label -> label.getText().equals("the output limit is a whole number of characters, e.g. 100000"));
        robot.interact(() -> {
            javafx.scene.control.ScrollPane scroll = (javafx.scene.control.ScrollPane) dialog[0].getDialogPane().getContent();
            javafx.geometry.Bounds at = field.localToScene(field.getBoundsInLocal());
            javafx.geometry.Bounds all = ((javafx.scene.Parent) scroll.getContent()).getLayoutBounds();
            scroll.setVvalue(Math.min(1, Math.max(0, (at.getMinY() - 200) / (all.getHeight() - scroll.getViewportBounds().getHeight()))));
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> Screenshot.write(dialog[0].getDialogPane().getScene(), Path.of("target/screenshots/settings-output-limit.png")));
        SettingsFile file = new SettingsFile(dir.resolve("settings.json"));
        model.save().join();
        assertThat(new FileSettingsStorage(file).load().outputLimit()).as("an invalid limit is not saved").isEqualTo(OutputLimitSetting.load(file));

        robot.interact(() -> field.setText("250,000"));
        model.save().join();
        assertThat(new FileSettingsStorage(file).load().outputLimit()).isEqualTo(250_000);
        assertThat(file.read().path("outputLimit").asInt()).as("the key the CLI reads").isEqualTo(250_000);
        robot.interact(() -> dialog[0].close());
    }
}
