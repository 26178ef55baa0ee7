package studio.codeact.gui.cells;

import org.junit.jupiter.api.Test;
import studio.codeact.engine.ExecutionStatus;
import studio.codeact.engine.MimeBundle;
import studio.codeact.engine.Output;
import studio.codeact.gui.ScriptedEngine;
import studio.codeact.gui.UiExecutor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static studio.codeact.gui.ScriptedEngine.error;
import static studio.codeact.gui.ScriptedEngine.stdout;

class NotebookViewModelTest {

    private final ScriptedEngine engine = new ScriptedEngine();
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final NotebookViewModel notebook = new NotebookViewModel(() -> CompletableFuture.completedFuture(engine),
            UiExecutor.direct(), clock::get);

    @Test
    void runningACellShowsItsOutputsAndExecutionCount() {
        CellViewModel cell = notebook.addCell("print('hi')\n1 + 1");
        notebook.run(cell);
        assertThat(cell.state()).isEqualTo(CellViewModel.State.RUNNING);
        assertThat(engine.pending.getFirst().request().code()).isEqualTo("print('hi')\n1 + 1");

        engine.next().ok(7, stdout("hi\n"), ScriptedEngine.result(7, MimeBundle.TEXT_PLAIN, "2"));

        assertThat(cell.state()).isEqualTo(CellViewModel.State.DONE);
        assertThat(cell.executionCountProperty().get()).isEqualTo(7);
        assertThat(cell.outputs()).hasSize(2);
        assertThat(((OutputItem.StreamText) cell.outputs().get(0)).text()).isEqualTo("hi\n");
        assertThat(cell.outputs().get(1)).isInstanceOf(OutputItem.Text.class);
        assertThat(notebook.activeProperty().get()).isZero();
    }

    @Test
    void chunksOfTheSameStreamJoinIntoOneBlock() {
        CellViewModel cell = notebook.addCell("for i in range(3): print(i)");
        notebook.run(cell);
        engine.next().ok(1, stdout("0\n"), stdout("1\n"), new Output.Stream(Output.StreamName.STDERR, "warn\n"), stdout("2\n"));

        assertThat(cell.outputs()).hasSize(3);
        assertThat(((OutputItem.StreamText) cell.outputs().getFirst()).text()).isEqualTo("0\n1\n");
    }

    @Test
    void aRaisingCellEndsInErrorWithItsSummary() {
        CellViewModel cell = notebook.addCell("df['nope']");
        notebook.run(cell);
        engine.next().answer(ExecutionStatus.ERROR, 2, error("KeyError", "'nope'"));

        assertThat(cell.state()).isEqualTo(CellViewModel.State.ERROR);
        assertThat(cell.error()).get().extracting(OutputItem.Error::summary).isEqualTo("KeyError: 'nope'");
    }

    @Test
    void aKeyboardInterruptEndsAsInterrupted() {
        CellViewModel cell = notebook.addCell("while True: pass");
        notebook.run(cell);
        engine.next().answer(ExecutionStatus.ERROR, 3, error("KeyboardInterrupt", ""));

        assertThat(cell.state()).isEqualTo(CellViewModel.State.INTERRUPTED);
    }

    @Test
    void cellsQueuedBehindARunningOneWaitTheirTurn() {
        CellViewModel first = notebook.addCell("import time; time.sleep(5)");
        CellViewModel second = notebook.addCell("x = 1");
        notebook.run(first);
        notebook.run(second);

        assertThat(first.state()).isEqualTo(CellViewModel.State.RUNNING);
        assertThat(second.state()).isEqualTo(CellViewModel.State.QUEUED);
        assertThat(notebook.activeProperty().get()).isEqualTo(2);

        engine.next().ok(1);
        assertThat(second.state()).isEqualTo(CellViewModel.State.RUNNING);
        engine.next().ok(2);
        assertThat(second.state()).isEqualTo(CellViewModel.State.DONE);
        assertThat(notebook.activeProperty().get()).isZero();
    }

    @Test
    void elapsedTimeGrowsWhileRunningAndFreezesAtTheEnd() {
        CellViewModel cell = notebook.addCell("work()");
        notebook.run(cell);
        clock.addAndGet(4_200_000_000L);
        notebook.tick();
        assertThat(cell.elapsedProperty().get()).isEqualTo(Duration.ofMillis(4200));
        assertThat(CellView.statusText(cell.state(), cell.elapsedProperty().get(), false)).isEqualTo("running 4.2 s");

        engine.next().ok(1);
        assertThat(cell.elapsedProperty().get()).isEqualTo(Duration.ofMillis(120));
    }

    @Test
    void editingAfterARunMarksTheCellEditedAndRerunClearsOldOutputs() {
        CellViewModel cell = notebook.addCell("print(1)");
        notebook.run(cell);
        engine.next().ok(1, stdout("1\n"));
        cell.sourceProperty().set("print(2)");
        assertThat(cell.editedProperty().get()).isTrue();

        notebook.run(cell);
        assertThat(cell.outputs()).isEmpty();
        assertThat(cell.editedProperty().get()).isFalse();
        engine.next().ok(2, stdout("2\n"));
        assertThat(((OutputItem.StreamText) cell.outputs().getFirst()).text()).isEqualTo("2\n");
    }

    @Test
    void aRunningCellCannotBeDeletedButAFinishedOneCan() {
        CellViewModel cell = notebook.addCell("x");
        notebook.run(cell);
        assertThat(notebook.delete(cell)).isFalse();
        engine.next().ok(1);
        assertThat(notebook.delete(cell)).isTrue();
        assertThat(notebook.cells()).isEmpty();
    }

    @Test
    void cellsAddedAfterAnotherGoRightBelowIt() {
        CellViewModel a = notebook.addCell("a");
        CellViewModel c = notebook.addCell("c");
        CellViewModel b = notebook.addCellAfter(a, "b");
        assertThat(notebook.cells()).containsExactly(a, b, c);
        assertThat(List.of(a.number(), c.number(), b.number())).containsExactly(1, 2, 3);
    }

    @Test
    void theCellTimeoutTravelsWithTheRequest() {
        notebook.cellTimeoutProperty().set(Duration.ofSeconds(30));
        notebook.run(notebook.addCell("x"));
        assertThat(engine.next().request().timeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void finishedCellsAreAnnouncedForTheSidePanels() {
        List<CellViewModel> finished = new ArrayList<>();
        notebook.onCellFinished(finished::add);
        CellViewModel cell = notebook.addCell("x = 1");
        notebook.run(cell);
        engine.next().ok(1);
        assertThat(finished).containsExactly(cell);
    }

    @Test
    void agentCellsRunWithoutTheNotebookSubmittingThem() {
        CellViewModel cell = notebook.beginAgentCell("df.describe()");
        assertThat(cell.origin()).isEqualTo(CellViewModel.Origin.AGENT);
        assertThat(cell.state()).isEqualTo(CellViewModel.State.RUNNING);
        notebook.agentOutput(cell, stdout("ok\n"));
        notebook.agentFinished(cell, new studio.codeact.engine.ExecutionResult(ExecutionStatus.OK, 4,
                List.of(stdout("ok\n")), java.util.Optional.empty(), Duration.ofMillis(5), ""));
        assertThat(cell.state()).isEqualTo(CellViewModel.State.DONE);
        assertThat(cell.outputs()).hasSize(1);
        assertThat(engine.pending).isEmpty();
    }

    @Test
    void aFigureBecomesAnImageItem() {
        CellViewModel cell = notebook.addCell("plt.plot([1,2])");
        notebook.run(cell);
        String png = java.util.Base64.getEncoder().encodeToString(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        engine.next().ok(1, new Output.Display(new MimeBundle(Map.of(MimeBundle.IMAGE_PNG, png, MimeBundle.TEXT_PLAIN, "<Figure>")), Map.of()));
        assertThat(cell.outputs().getFirst()).isInstanceOf(OutputItem.Figure.class);
        assertThat(((OutputItem.Figure) cell.outputs().getFirst()).png()).hasSize(4);
    }
}
