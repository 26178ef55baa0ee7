package studio.codeact.gui.shell;

import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import studio.codeact.gui.Doctor;
import studio.codeact.gui.ScriptedEngine;
import studio.codeact.gui.Screenshot;
import studio.codeact.gui.UiStateStore;
import studio.codeact.gui.Workers;
import studio.codeact.gui.assistant.NoAssistant;
import studio.codeact.gui.settings.FileSettingsStorage;
import studio.codeact.llm.settings.SettingsFile;
import studio.codeact.session.Cell;
import studio.codeact.session.CellKind;
import studio.codeact.session.CellStatus;
import studio.codeact.session.Entry;
import studio.codeact.session.Session;
import studio.codeact.session.SessionInfo;
import studio.codeact.session.SessionStatus;
import studio.codeact.session.SessionStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 13 item 1: at start, a session a dead process left running is closed as crashed and offered for reopening. */
@ExtendWith(ApplicationExtension.class)
class CrashedSessionFxTest {

    @TempDir
    static Path root;

    private Studio studio;
    private static Path crashed;

    @Start
    void start(Stage stage) throws Exception {
        crashed = root.resolve("20261204-120000-mean-price");
        Instant t = Instant.parse("2026-12-04T12:00:00Z");
        Session left = Session.start(crashed.getFileName().toString(), t,
                        new SessionInfo("openai", "m", "embedded", "", "tags", crashed.resolve("work").toString(), 10, "", List.of()))
                .withEntry(new Entry.Question(t, "What is the mean price?"))
                .withEntry(new Entry.CodeCell(t, Cell.pending(1, CellKind.ACTION, 1, "import ctypes\nctypes.string_at(0)")));
        SessionStore.create(crashed, left).close();
        Path current = Files.createDirectories(root.resolve("20261204-130000"));
        studio = new Studio(stage, new Studio.Config((settings, session) -> new ScriptedEngine(),
                new UiStateStore(root.resolve("window.json")), current, Workers.create(), file -> { },
                new FileSettingsStorage(new SettingsFile(root.resolve("settings.json"))), context -> new NoAssistant("no model"),
                settings -> new Doctor.Report(true, "", ""), () -> { }));
        studio.show();
    }

    @Test
    void aCrashedSessionIsClosedAndCanBeReopened(FxRobot robot) throws Exception {
        List<Path> recovered = studio.recoverCrashedSessions(root).get(30, TimeUnit.SECONDS);

        assertThat(recovered).containsExactly(crashed);
        Session after = SessionStore.read(crashed);
        assertThat(after.status()).isEqualTo(SessionStatus.CRASHED);
        assertThat(after.cells().getFirst().status()).isEqualTo(CellStatus.DIED);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".crashed-session").tryQuery().isPresent());
        assertThat(robot.lookup(".crashed-session .content").queryLabeled().getText()).contains(crashed.getFileName().toString());
        robot.interact(() -> Screenshot.write(robot.lookup(".crashed-session").query().getScene(), Path.of("target/screenshots/crashed-session.png")));

        robot.clickOn("Reopen");

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> studio.model().notebook().cells().size() == 1);
        assertThat(studio.model().chat().items()).anyMatch(item -> item.toString().contains("What is the mean price?"));
        assertThat(studio.recoverCrashedSessions(root).get(30, TimeUnit.SECONDS)).as("nothing left running").isEmpty();
    }
}
