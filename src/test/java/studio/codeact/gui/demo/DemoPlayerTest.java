package studio.codeact.gui.demo;

import org.junit.jupiter.api.Test;
import studio.codeact.gui.ScriptedEngine;
import studio.codeact.gui.UiExecutor;
import studio.codeact.gui.cells.CellViewModel;
import studio.codeact.gui.cells.NotebookViewModel;
import studio.codeact.gui.chat.ChatItem;
import studio.codeact.gui.chat.ChatViewModel;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class DemoPlayerTest {

    private static final Path SAMPLES = Path.of("samples").toAbsolutePath();

    @Test
    void everyBundledDemoReads() {
        List<Demo> demos = DemoLibrary.demos(SAMPLES);
        assertThat(demos).hasSizeGreaterThanOrEqualTo(4);
        for (Demo demo : demos) {
            assertThat(demo.turns().getFirst()).isInstanceOf(Demo.Turn.User.class);
            assertThat(demo.turns()).anyMatch(t -> t instanceof Demo.Turn.Assistant a && !a.code().isBlank());
        }
    }

    @Test
    void aDemoPlaysItsQuestionsRepliesAndCellsInOrder() {
        ScriptedEngine engine = new ScriptedEngine();
        NotebookViewModel notebook = new NotebookViewModel(() -> CompletableFuture.completedFuture(engine), UiExecutor.direct(), System::nanoTime);
        ChatViewModel chat = new ChatViewModel();
        Demo demo = DemoLibrary.demos(SAMPLES).stream().filter(d -> d.dataset().equals("retail_sales.csv")).findFirst().orElseThrow();
        long actions = demo.turns().stream().filter(t -> t instanceof Demo.Turn.Assistant a && !a.code().isBlank()).count();

        DemoPlayer player = new DemoPlayer(chat, notebook, UiExecutor.direct());
        List<String> read = new java.util.ArrayList<>();
        player.onDataset((variable, file) -> read.add(variable + " <- " + file));
        CompletableFuture<Void> done = player.play(demo, SAMPLES);
        ScriptedEngine.Pending setup = engine.next();
        assertThat(setup.request().silent()).isTrue();
        assertThat(setup.request().code()).isEqualTo("SAMPLES_DIR = \"" + SAMPLES + "\"");
        setup.ok(0);
        for (int i = 0; i < actions; i++) {
            assertThat(engine.pending).hasSize(1);
            engine.next().ok(i + 1, ScriptedEngine.stdout("ok\n"));
        }
        assertThat(done).isCompleted();
        assertThat(notebook.cells()).hasSize((int) actions).allMatch(c -> c.origin() == CellViewModel.Origin.AGENT)
                .allMatch(c -> c.state() == CellViewModel.State.DONE);
        assertThat(chat.items().getFirst()).isInstanceOf(ChatItem.Notice.class);
        assertThat(chat.items().get(1)).isEqualTo(new ChatItem.Question(((Demo.Turn.User) demo.turns().getFirst()).text()));
        assertThat(chat.items().stream().filter(ChatItem.Action.class::isInstance).count()).isEqualTo(actions);
        assertThat(chat.state()).isEqualTo(ChatViewModel.State.IDLE);
        assertThat(read).as("the Datasets panel lists what the demo's code loaded").contains("sales <- " + SAMPLES.resolve("retail_sales.csv"));
    }

    @Test
    void quotesInThePathAreEscapedForPython() {
        assertThat(studio.codeact.engine.PythonLiteral.string("/home/o'neil/x\\y")).isEqualTo("\"/home/o'neil/x\\\\y\"");
    }
}
