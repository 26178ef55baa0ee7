package studio.codeact.gui.shell;

import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import studio.codeact.engine.EngineException;
import studio.codeact.gui.Doctor;
import studio.codeact.gui.Screenshot;
import studio.codeact.gui.UiStateStore;
import studio.codeact.gui.Workers;
import studio.codeact.gui.assistant.NoAssistant;
import studio.codeact.gui.settings.FileSettingsStorage;
import studio.codeact.llm.settings.SettingsFile;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A Python without the packages: the window says what is missing and the exact command, and keeps working. */
@ExtendWith(ApplicationExtension.class)
class DoctorBannerFxTest {

    @TempDir
    static Path folder;

    private Studio studio;

    @Start
    void start(Stage stage) {
        studio = new Studio(stage, new Studio.Config(settings -> {
            throw new EngineException("Python at /opt/bare/bin/python3 could not import pandas");
        }, new UiStateStore(folder.resolve("window.json")), folder, Workers.create(), file -> { },
                new FileSettingsStorage(new SettingsFile(folder.resolve("settings.json"))), context -> new NoAssistant("no model"),
                settings -> new Doctor.Report(false, "Python 3.11.2 at /opt/bare/bin/python3 lacks pandas, sklearn. Install them, or choose another interpreter.",
                        Doctor.APT_COMMAND), () -> { }));
        studio.show();
    }

    @Test
    void missingPackagesShowTheDoctorsGuidanceAndTheCommand(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> studio.model().engine().fixProperty().get().startsWith("sudo apt-get"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(studio.model().engine().problemProperty().get()).contains("lacks pandas, sklearn");
        TextField command = robot.lookup(".problem-banner .command").queryAs(TextField.class);
        assertThat(command.isVisible()).isTrue();
        assertThat(command.getText()).isEqualTo(Doctor.APT_COMMAND);
        robot.clickOn("+ Code cell");
        assertThat(studio.model().notebook().cells()).hasSize(1);
        robot.interact(() -> Screenshot.write(studio.scene(), Path.of("target/screenshots/doctor.png")));
    }
}
