package studio.codeact.gui.shell;

import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import studio.codeact.engine.ExecutionStatus;
import studio.codeact.engine.MimeBundle;
import studio.codeact.engine.Output;
import studio.codeact.gui.ScriptedEngine;
import studio.codeact.gui.Screenshot;
import studio.codeact.gui.UiStateStore;
import studio.codeact.gui.Workers;
import studio.codeact.gui.assistant.NoAssistant;
import studio.codeact.gui.settings.FileSettingsStorage;
import studio.codeact.llm.settings.SettingsFile;
import studio.codeact.gui.cells.CellViewModel;
import studio.codeact.gui.table.FrameTableView;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of output on screen at once; writes target/screenshots/cells.png to look at. */
@ExtendWith(ApplicationExtension.class)
class CellsRenderFxTest {

    @TempDir
    static Path folder;

    private final ScriptedEngine engine = new ScriptedEngine();
    private Studio studio;

    @Start
    void start(Stage stage) {
        studio = new Studio(stage, new Studio.Config(settings -> engine, new UiStateStore(folder.resolve("window.json")),
                folder, Workers.create(), file -> { },
                new FileSettingsStorage(new SettingsFile(folder.resolve("settings.json"))),
                context -> new NoAssistant("no model in this test"), Studio.Config.realDoctor(), () -> { }));
        studio.show();
    }

    static String chartPng() throws Exception {
        BufferedImage image = new BufferedImage(480, 300, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 480, 300);
        g.setColor(new Color(31, 119, 180));
        g.setStroke(new BasicStroke(3));
        int[] ys = {250, 200, 220, 140, 90, 120, 60};
        for (int i = 1; i < ys.length; i++) {
            g.drawLine(40 + (i - 1) * 70, ys[i - 1], 40 + i * 70, ys[i]);
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    @Test
    void streamsFiguresTablesAndErrorsAllShow(FxRobot robot) throws Exception {
        String png = chartPng();
        String schema = """
                {"schema":{"fields":[{"name":"index","type":"integer"},{"name":"region","type":"string"},
                {"name":"sales","type":"number"}],"primaryKey":["index"]},
                "data":[{"index":0,"region":"North","sales":1520.5},{"index":1,"region":"South","sales":980.25},
                {"index":2,"region":"East","sales":1210.0}]}""";
        robot.interact(() -> {
            var notebook = studio.model().notebook();
            var chat = studio.model().chat();
            chat.modelConfiguredProperty().set(true);
            chat.inputProperty().set("Which region sells most?");
            chat.send();
            chat.assistantDelta("Let me look at **sales by region**.\n\n- load the data\n- group by `region`");
            CellViewModel first = notebook.addCell("import pandas as pd\nsales = pd.read_csv('sales.csv')\nprint(sales.shape)\nby_region");
            notebook.run(first);
            chat.actionStarted(first);
            Map<String, String> table = new LinkedHashMap<>();
            table.put(MimeBundle.TEXT_PLAIN, "  region  sales");
            table.put(MimeBundle.TABLE_SCHEMA, schema);
            engine.next().ok(1, ScriptedEngine.stdout("(1200, 3)\n"), new Output.Result(1, new MimeBundle(table), Map.of()));
            chat.actionFinished(first);
            CellViewModel second = notebook.addCell("by_region.plot()\nplt.show()");
            notebook.run(second);
            engine.next().ok(2, new Output.Display(new MimeBundle(Map.of(MimeBundle.IMAGE_PNG, png, MimeBundle.TEXT_PLAIN, "<Figure>")), Map.of()));
            CellViewModel third = notebook.addCell("sales['nope']");
            notebook.run(third);
            engine.next().answer(ExecutionStatus.ERROR, 3, new Output.Error("KeyError", "'nope'",
                    List.of("Traceback (most recent call last):", "  Cell In[3], line 1", "    sales['nope']", "KeyError: 'nope'")));
            chat.assistantDelta("**North** sells most: 1,520.5.");
            chat.answered();
        });
        WaitForAsyncUtils.waitForFxEvents();
        // The table result pages from the engine under the name "by_region"; answer its read from the schema rows.
        WaitForAsyncUtils.waitFor(5, java.util.concurrent.TimeUnit.SECONDS, () -> !engine.tableAnswers.isEmpty());
        assertThat(engine.tableQueries.getFirst().variable()).isEqualTo("by_region");
        robot.interact(() -> engine.tableAnswers.getFirst().completeExceptionally(new IllegalStateException("no such variable")));
        WaitForAsyncUtils.waitForFxEvents();

        robot.interact(() -> Screenshot.write(studio.scene(), Path.of("target/screenshots/cells.png")));
        assertThat(robot.lookup(".figure-output").queryAll()).hasSize(1);
        assertThat(robot.lookup(".figure-output").lookup((ImageView v) -> v.getImage().getWidth() == 480).tryQuery()).isPresent();
        // A list cell that is rebuilt asks again; every ask of this engine fails, and the schema's rows are shown.
        WaitForAsyncUtils.waitFor(5, java.util.concurrent.TimeUnit.SECONDS, () -> {
            engine.tableAnswers.forEach(answer -> answer.completeExceptionally(new IllegalStateException("no such variable")));
            return robot.lookup(".frame-table").queryAs(FrameTableView.class).model().totalRowsProperty().get() == 3;
        });
        assertThat(robot.lookup(".action-card").queryAll()).hasSize(1);
        robot.interact(() -> studio.window().notebookView().scrollTo(studio.model().notebook().cells().getLast()));
        WaitForAsyncUtils.waitFor(5, java.util.concurrent.TimeUnit.SECONDS, () -> robot.lookup(".error-summary").tryQuery().isPresent());
        assertThat(robot.lookup(".error-summary").queryAs(Label.class).getText()).isEqualTo("KeyError: 'nope'");
        robot.interact(() -> Screenshot.write(studio.scene(), Path.of("target/screenshots/cells-end.png")));
    }
}
