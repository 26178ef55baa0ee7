package studio.codeact.gui.gestures;

import javafx.scene.control.Label;
import javafx.stage.Stage;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
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

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole gestures with the real agent, a real embedded CPython and a model server speaking the
 * OpenAI streaming format over HTTP on the loopback address (mockwebserver3, replies scripted).
 */
@ExtendWith(ApplicationExtension.class)
class AssistantGesturesFxTest {

    /**
     * Kept for the whole test run, under target/: the embedded engine moves the process into its
     * working folder, and a later engine in the same JVM cannot start if that folder was deleted.
     */
    static final Path ROOT = GestureFolders.create();

    private Path folder;
    private String prices = "";

    private final MockWebServer server = new MockWebServer();
    private Stage stage;
    private Studio studio;

    @Start
    void start(Stage primary) {
        stage = primary;
    }

    @AfterEach
    void stopServer() throws Exception {
        if (studio != null) {
            StudioWindows.close(studio);
        }
        server.close();
    }

    private Studio open(FxRobot robot, boolean askFirst) throws Exception {
        folder = Files.createTempDirectory(ROOT, "gesture-");
        server.start(InetAddress.getLoopbackAddress(), 0);
        SettingsFile settings = new SettingsFile(folder.resolve("settings.json"));
        new FileSettingsStorage(settings).save(new SettingsForm(ProviderChoice.CUSTOM, server.url("/v1").toString(), "local-model", "",
                null, "", "", 6, 60, false, false, 13, prices));
        Path work = Files.createDirectories(folder.resolve("session"));
        robot.interact(() -> {
            studio = new Studio(stage, new Studio.Config(EngineFactory::create, new UiStateStore(folder.resolve("window.json")),
                    work, Workers.create(), file -> { }, new FileSettingsStorage(settings), AgentAssistant.fromSettings(), Studio.Config.realDoctor(), () -> { }));
            studio.model().askBeforeRunningProperty().set(askFirst);
            studio.show();
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> studio.model().chat().modelConfiguredProperty().get());
        return studio;
    }

    private void ask(FxRobot robot, String question) {
        robot.clickOn(studio.window().chatView().input()).write(question);
        robot.type(javafx.scene.input.KeyCode.ENTER);
    }

    private void waitUntilIdle() throws Exception {
        StudioWindows.waitUntilIdle(studio);
    }

    @Test
    void askingStreamsTheReplyRunsTheCellAndShowsItsFigure(FxRobot robot) throws Exception {
        server.enqueue(OpenAiStream.reply("I'll plot the numbers.\n<execute>\nimport matplotlib.pyplot as plt\n"
                + "plt.plot([1, 3, 2, 5])\nplt.show()\nprint('plotted')\n"));
        server.enqueue(OpenAiStream.reply("The line **rises** overall, with a dip at the third point."));
        open(robot, false);
        ask(robot, "Plot 1, 3, 2, 5");
        waitUntilIdle();

        List<CellViewModel> cells = studio.model().notebook().cells();
        assertThat(cells).hasSize(1);
        assertThat(cells.getFirst().state()).isEqualTo(CellViewModel.State.DONE);
        assertThat(cells.getFirst().origin()).isEqualTo(CellViewModel.Origin.AGENT);
        assertThat(robot.lookup(".figure-output").queryAll()).hasSize(1);
        List<ChatItem> chat = studio.model().chat().items();
        assertThat(chat.getFirst()).isEqualTo(new ChatItem.Question("Plot 1, 3, 2, 5"));
        assertThat(chat).anyMatch(item -> item instanceof ChatItem.Action);
        assertThat(chat.getLast()).isInstanceOfSatisfying(ChatItem.Reply.class,
                reply -> assertThat(reply.text()).isEqualTo("The line **rises** overall, with a dip at the third point."));
        assertThat(chat.stream().filter(ChatItem.Reply.class::isInstance).map(i -> ((ChatItem.Reply) i).text()))
                .noneMatch(text -> text.contains("<execute>"));
        robot.interact(() -> Screenshot.write(studio.scene(), Path.of("target/screenshots/assistant-figure.png")));

        Path notebook = folder.resolve("export.ipynb");
        studio.exportTo("ipynb", notebook).get(30, TimeUnit.SECONDS);
        Process check = new ProcessBuilder("/usr/bin/python3", "-c",
                "import nbformat,sys; nbformat.validate(nbformat.read(sys.argv[1], as_version=4)); print('valid')", notebook.toString())
                .redirectErrorStream(true).start();
        String said = new String(check.getInputStream().readAllBytes());
        assertThat(check.waitFor()).as(said).isZero();
        assertThat(said.strip()).isEqualTo("valid");
    }

    @Test
    void eachAnswerShowsWhatItCostAndTheStatusBarTheSessionsTotal(FxRobot robot) throws Exception {
        prices = "local-model 2.0 0.5 8.0";
        server.enqueue(OpenAiStream.reply("Let me count.\n<execute>\nprint(len('tokens'))\n", 3_000, 40, 0));
        server.enqueue(OpenAiStream.reply("It has **6** letters.", 3_200, 12, 2_944));
        server.enqueue(OpenAiStream.reply("Yes, six.", 3_300, 4, 3_200));
        open(robot, false);

        ask(robot, "How many letters has 'tokens'?");
        waitUntilIdle();

        List<ChatItem> chat = studio.model().chat().items();
        assertThat(chat.getLast()).isEqualTo(new ChatItem.Notice(ChatItem.Level.USAGE,
                "6,200 tokens in (2,944 cached), 52 out \u00b7 \u2248 $0.0084"));
        Label total = robot.lookup(".session-usage").queryAs(Label.class);
        assertThat(total.getText()).isEqualTo("Session: 6,200 tokens in (2,944 cached), 52 out \u00b7 \u2248 $0.0084");

        ask(robot, "Sure?");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> studio.model().chat().items().getLast() instanceof ChatItem.Notice n
                && n.level() == ChatItem.Level.USAGE && n.text().startsWith("3,300"));
        waitUntilIdle();
        assertThat(total.getText()).startsWith("Session: 9,500 tokens in (6,144 cached), 56 out");
        robot.interact(() -> Screenshot.write(studio.scene(), Path.of("target/screenshots/assistant-usage.png")));
    }

    @Test
    void aSavedSessionOpensAgainWithItsQuestionRepliesAndCells(FxRobot robot) throws Exception {
        server.enqueue(OpenAiStream.reply("Counting.\n<execute>\nprint(sum(range(10)))\n"));
        server.enqueue(OpenAiStream.reply("The sum is **45**."));
        open(robot, false);
        ask(robot, "Sum 0..9");
        waitUntilIdle();
        robot.interact(studio::saveSession);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !studio.model().uiState().recentSessions().isEmpty());
        Path saved = Path.of(studio.model().uiState().recentSessions().getFirst());
        assertThat(saved.resolve("session.json")).exists();

        robot.interact(studio::newSession);
        assertThat(studio.model().notebook().cells()).isEmpty();
        studio.openSession(saved).get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !studio.model().notebook().cells().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        CellViewModel cell = studio.model().notebook().cells().getFirst();
        assertThat(cell.source()).isEqualTo("print(sum(range(10)))");
        assertThat(cell.state()).isEqualTo(CellViewModel.State.DONE);
        assertThat(cell.outputs()).first().isInstanceOfSatisfying(studio.codeact.gui.cells.OutputItem.StreamText.class,
                text -> assertThat(text.text()).isEqualTo("45\n"));
        assertThat(studio.model().chat().items()).contains(new ChatItem.Question("Sum 0..9"));
        assertThat(studio.model().chat().items()).anyMatch(item -> item instanceof ChatItem.Reply reply && reply.text().equals("The sum is **45**."));
    }

    @Test
    void stopInterruptsTheAssistantsRunningCell(FxRobot robot) throws Exception {
        server.enqueue(OpenAiStream.reply("This takes a while.\n<execute>\nimport time\nprint('waiting', flush=True)\n"
                + "for i in range(600):\n    time.sleep(0.05)\n"));
        open(robot, false);
        ask(robot, "Wait for half a minute");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> studio.model().chat().state() == ChatViewModel.State.RUNNING);
        assertThat(studio.model().chat().activityProperty().get()).startsWith("running cell 1 — ");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> studio.model().notebook().cells().getFirst().outputs().stream()
                .anyMatch(o -> o instanceof studio.codeact.gui.cells.OutputItem.StreamText text && text.text().contains("waiting")));
        robot.clickOn("Stop");
        waitUntilIdle();
        CellViewModel cell = studio.model().notebook().cells().getFirst();
        assertThat(cell.state()).isIn(CellViewModel.State.INTERRUPTED, CellViewModel.State.ERROR);
        assertThat(cell.error()).get().extracting(e -> e.ename()).isEqualTo("KeyboardInterrupt");
        assertThat(studio.model().chat().items().getLast()).isEqualTo(new ChatItem.Notice(ChatItem.Level.ERROR, "Stopped."));
        assertThat(server.getRequestCount()).as("no further model turn after Stop").isEqualTo(1);
    }

    @Test
    void anErrorAndItsFixAppearAsTwoCells(FxRobot robot) throws Exception {
        server.enqueue(OpenAiStream.reply("<execute>\nprint(total + 1)\n"));
        server.enqueue(OpenAiStream.reply("`total` is not defined yet; defining it first.\n<execute>\ntotal = 41\nprint(total + 1)\n"));
        server.enqueue(OpenAiStream.reply("The result is 42."));
        open(robot, false);
        ask(robot, "What is total + 1?");
        waitUntilIdle();

        List<CellViewModel> cells = studio.model().notebook().cells();
        assertThat(cells).hasSize(2);
        assertThat(cells.get(0).state()).isEqualTo(CellViewModel.State.ERROR);
        assertThat(cells.get(0).error()).get().extracting(e -> e.ename()).isEqualTo("NameError");
        assertThat(cells.get(1).state()).isEqualTo(CellViewModel.State.DONE);
        assertThat(studio.model().chat().items().stream().filter(ChatItem.Action.class::isInstance).count()).isEqualTo(2);
    }

    @Test
    void anActionEditedInTheApprovalDialogRunsAsEdited(FxRobot robot) throws Exception {
        server.enqueue(OpenAiStream.reply("<execute>\nprint('as proposed')\n"));
        server.enqueue(OpenAiStream.reply("Done."));
        open(robot, true);
        ask(robot, "Say something");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup(".approval-dialog").tryQuery().isPresent());
        assertThat(studio.model().chat().state()).isEqualTo(ChatViewModel.State.WAITING);
        robot.interact(() -> robot.lookup(".approval-dialog .cell-editor").<org.fxmisc.richtext.CodeArea>query().replaceText("print('as edited')"));
        robot.clickOn("Run");
        waitUntilIdle();

        CellViewModel cell = studio.model().notebook().cells().getFirst();
        assertThat(cell.source()).isEqualTo("print('as edited')");
        assertThat(cell.outputs()).first().isInstanceOfSatisfying(studio.codeact.gui.cells.OutputItem.StreamText.class,
                text -> assertThat(text.text()).isEqualTo("as edited\n"));
        assertThat(robot.lookup(".approval-dialog").tryQuery()).isEmpty();
    }

    @Test
    void aDroppedCsvIsListedWithItsShape(FxRobot robot) throws Exception {
        open(robot, false);
        Path csv = folder.resolve("prices.csv");
        Files.writeString(csv, "city,price\nOslo,12.5\nRome,9.0\nLima,7.25\n");
        robot.interact(() -> studio.loadData(List.of(csv)));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !studio.datasets().datasets().isEmpty()
                && studio.datasets().datasets().getFirst().state() != DatasetsViewModel.State.LOADING
                && studio.datasets().datasets().getFirst().state() != DatasetsViewModel.State.QUEUED);
        DatasetsViewModel.Dataset prices = studio.datasets().datasets().getFirst();
        assertThat(prices.state()).as(prices.detailProperty().get()).isEqualTo(DatasetsViewModel.State.LOADED);
        assertThat(prices.shapeProperty().get()).isEqualTo("3 rows × 2 columns");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".dataset-shape").<Label>queryAll()).anyMatch(label -> label.getText().equals("3 rows × 2 columns"));
        Path broken = folder.resolve("broken.xlsx");
        Files.writeString(broken, "this is not a spreadsheet");
        robot.interact(() -> studio.loadData(List.of(broken)));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> studio.datasets().datasets().size() == 2
                && studio.datasets().datasets().get(1).state() == DatasetsViewModel.State.FAILED);
        assertThat(studio.datasets().datasets().get(1).detailProperty().get()).contains("broken.xlsx: not a valid Excel file");
        robot.interact(() -> Screenshot.write(studio.scene(), Path.of("target/screenshots/datasets.png")));
    }
}
