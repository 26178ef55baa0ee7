package studio.codeact.gui.gestures;

import javafx.scene.control.Label;
import javafx.stage.Stage;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import studio.codeact.engine.EngineState;
import studio.codeact.gui.EngineFactory;
import studio.codeact.gui.Screenshot;
import studio.codeact.gui.UiStateStore;
import studio.codeact.gui.Workers;
import studio.codeact.gui.assistant.AgentAssistant;
import studio.codeact.gui.cells.CellViewModel;
import studio.codeact.gui.chat.ChatItem;
import studio.codeact.gui.chat.ChatViewModel;
import studio.codeact.gui.data.DatasetsViewModel;
import studio.codeact.gui.settings.FileSettingsStorage;
import studio.codeact.gui.settings.ProviderChoice;
import studio.codeact.gui.settings.SettingsForm;
import studio.codeact.gui.shell.Studio;
import studio.codeact.llm.settings.SettingsFile;
import studio.codeact.session.Entry;
import studio.codeact.session.Session;
import studio.codeact.session.SessionStore;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An analyst's day in the window, with the real agent, a real embedded CPython and a model server
 * speaking the OpenAI streaming format on loopback: the session folder appears only once there
 * is something to keep; a loaded file changes the empty chat and its loading cell wears "data";
 * a saved session whose data file moved is continued with "Continue" — the file asked for, the
 * cells that worked re-run in place, the next question answered in the same folder.
 */
@ExtendWith(ApplicationExtension.class)
class ContinueSessionFxTest {

    static final Path ROOT = GestureFolders.create();

    private final MockWebServer server = new MockWebServer();
    private Stage stage;
    private Studio studio;

    @Start
    void start(Stage primary) {
        stage = primary;
    }

    @AfterEach
    void stop() throws Exception {
        if (studio != null) {
            StudioWindows.close(studio);
        }
        server.close();
    }

    private void waitUntilIdle() throws Exception {
        StudioWindows.waitUntilIdle(studio);
    }

    private void ask(FxRobot robot, String question) {
        robot.clickOn(studio.window().chatView().input()).write(question);
        robot.type(javafx.scene.input.KeyCode.ENTER);
    }

    @Test
    void aSavedSessionWhoseDataMovedContinuesInItsFolder(FxRobot robot) throws Exception {
        Path folder = Files.createTempDirectory(ROOT, "continue-");
        Path sales = Files.writeString(Files.createDirectories(folder.resolve("data")).resolve("sales.csv"),
                "region,price\nnorth,10.0\nsouth,20.0\nnorth,30.0\n");
        server.enqueue(OpenAiStream.reply("<execute>\nprint(sales['Price'].mean())\n"));
        server.enqueue(OpenAiStream.reply("<execute>\nmeans = sales.groupby('region')['price'].mean()\nprint(means)\n"));
        server.enqueue(OpenAiStream.reply("Both regions average **20.0**."));
        server.start(InetAddress.getLoopbackAddress(), 0);
        SettingsFile settings = new SettingsFile(folder.resolve("settings.json"));
        new FileSettingsStorage(settings).save(new SettingsForm(ProviderChoice.CUSTOM, server.url("/v1").toString(), "local-model", "",
                null, "", "", 6, 60, false, false, 13));
        Path session = folder.resolve("sessions").resolve("first");
        robot.interact(() -> {
            studio = new Studio(stage, new Studio.Config(EngineFactory::create, new UiStateStore(folder.resolve("window.json")),
                    session, Workers.create(), file -> { }, new FileSettingsStorage(settings), AgentAssistant.fromSettings(),
                    Studio.Config.realDoctor(), () -> { }));
            studio.show();
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> studio.model().chat().modelConfiguredProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(session).as("nothing to keep yet: no folder").doesNotExist();
        assertThat(studio.model().engine().state()).isEqualTo(EngineState.NOT_STARTED);

        robot.interact(() -> studio.loadData(List.of(sales)));
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> !studio.datasets().datasets().isEmpty()
                && studio.datasets().datasets().getFirst().state() != DatasetsViewModel.State.LOADING
                && studio.datasets().datasets().getFirst().state() != DatasetsViewModel.State.QUEUED);
        DatasetsViewModel.Dataset loaded = studio.datasets().datasets().getFirst();
        assertThat(loaded.state()).as(loaded.detailProperty().get()).isEqualTo(DatasetsViewModel.State.LOADED);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(session))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(session.resolve("session.json")))).isEqualTo("rw-------");
        assertThat(studio.model().notebook().cells().getFirst().origin()).isEqualTo(CellViewModel.Origin.DATA);
        assertThat(robot.lookup(".cell-badge").queryAllAs(Label.class)).extracting(Label::getText).containsExactly("data");
        assertThat(studio.model().chat().emptyHintProperty().get()).startsWith("sales is loaded. Ask a question about it");
        assertThat(robot.lookup(".chat-hint").queryAs(Label.class).getText()).startsWith("sales is loaded");

        ask(robot, "Mean price by region?");
        waitUntilIdle();
        assertThat(studio.model().notebook().cells()).extracting(CellViewModel::state)
                .containsExactly(CellViewModel.State.DONE, CellViewModel.State.ERROR, CellViewModel.State.DONE);

        robot.interact(studio::newSession);
        Path moved = Files.move(sales, Files.createDirectories(folder.resolve("archive")).resolve("sales.csv"));
        List<String> askedFor = new java.util.ArrayList<>();
        studio.setDataFileLocator(missing -> {
            askedFor.add(missing);
            return Optional.of(moved);
        });
        studio.openSession(session).get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !studio.model().chat().continueOfferProperty().get().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        server.enqueue(OpenAiStream.reply("<execute>\nprint(means.max(), len(sales))\n"));
        server.enqueue(OpenAiStream.reply("The highest mean is **20.0**."));

        robot.clickOn("Continue");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> studio.model().chat().items().stream()
                .anyMatch(item -> item instanceof ChatItem.Notice notice && notice.text().startsWith("Continued in a fresh Python")));
        waitUntilIdle();
        assertThat(askedFor).containsExactly(sales.toString());
        List<CellViewModel> cells = studio.model().notebook().cells();
        assertThat(cells).extracting(CellViewModel::state)
                .containsExactly(CellViewModel.State.DONE, CellViewModel.State.ERROR, CellViewModel.State.DONE);
        assertThat(cells.get(2).outputs()).first().isInstanceOfSatisfying(studio.codeact.gui.cells.OutputItem.StreamText.class,
                text -> assertThat(text.text()).contains("north    20.0"));
        assertThat(studio.model().chat().continueOfferProperty().get()).isEmpty();
        assertThat(studio.datasets().datasets()).singleElement().satisfies(d -> {
            assertThat(d.variable()).isEqualTo("sales");
            assertThat(d.file()).isEqualTo(moved.toAbsolutePath());
        });
        robot.interact(() -> Screenshot.write(studio.scene(), Path.of("target/screenshots/continued-session.png")));

        int before = server.getRequestCount();
        ask(robot, "What is the highest mean?");
        waitUntilIdle();
        RecordedRequest next = null;
        for (int i = 0; i <= before; i++) {
            next = server.takeRequest(5, TimeUnit.SECONDS);
        }
        assertThat(next.getBody().utf8()).contains("Mean price by region?").contains("KeyError").contains("continued later")
                .contains("What is the highest mean?").contains(moved.toString());
        assertThat(studio.model().chat().items().getLast()).isInstanceOfSatisfying(ChatItem.Reply.class,
                reply -> assertThat(reply.text()).isEqualTo("The highest mean is **20.0**."));

        Session record = SessionStore.read(session);
        assertThat(record.entries()).filteredOn(Entry.Question.class::isInstance).hasSize(2);
        Entry.Resumed resumed = record.entries().stream().filter(Entry.Resumed.class::isInstance).map(Entry.Resumed.class::cast)
                .findFirst().orElseThrow();
        assertThat(resumed.run()).isEqualTo(2);
        assertThat(resumed.rerun()).containsExactly(1, 3);
        assertThat(resumed.skipped()).containsExactly(2);
        assertThat(record.cells()).hasSize(4);
        assertThat(record.cells().getLast().code()).isEqualTo("print(means.max(), len(sales))");
        assertThat(record.cells().getLast().outputs().toString()).contains("20.0 3");
    }
}
