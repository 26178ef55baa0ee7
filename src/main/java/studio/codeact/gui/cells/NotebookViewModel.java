package studio.codeact.gui.cells;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import studio.codeact.engine.ExecutionRequest;
import studio.codeact.engine.ExecutionResult;
import studio.codeact.engine.Output;
import studio.codeact.engine.PythonEngine;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The cell history: cells the user adds and runs directly on the engine, and cells the agent
 * runs (which arrive through {@link #beginAgentCell} and friends). Every method is called on the
 * UI thread; engine callbacks are brought there through the UI executor.
 */
public final class NotebookViewModel {

    private final Supplier<CompletableFuture<PythonEngine>> engine;
    private final Executor ui;
    /** A cell's outputs on their way to the FX thread, bounded however much it prints. */
    private final OutputFeed<CellViewModel> feed;
    private final LongSupplier clock;

    private final ObservableList<CellViewModel> cells = FXCollections.observableArrayList();
    private final ObservableList<CellViewModel> cellsView = FXCollections.unmodifiableObservableList(cells);
    private final ReadOnlyIntegerWrapper active = new ReadOnlyIntegerWrapper(this, "active", 0);
    private final ObjectProperty<Duration> cellTimeout = new SimpleObjectProperty<>(this, "cellTimeout", null);
    private final Deque<CellViewModel> queue = new ArrayDeque<>();
    private final List<Consumer<CellViewModel>> finishedListeners = new ArrayList<>();
    private int nextNumber = 1;

    /**
     * @param engine gives the engine once it can run code
     * @param ui     the UI executor that engine callbacks are marshalled through
     * @param clock  nanosecond clock for elapsed times ({@code System::nanoTime} in the app)
     */
    public NotebookViewModel(Supplier<CompletableFuture<PythonEngine>> engine, Executor ui, LongSupplier clock) {
        this.engine = engine;
        this.ui = ui;
        this.feed = new OutputFeed<>(ui, new OutputFeed.Sink<>() {
            @Override
            public void output(CellViewModel cell, Output output) {
                cell.append(output);
            }

            @Override
            public void cut(CellViewModel cell, Output.StreamName stream, long chars, long lines) {
                cell.appendCut(stream, chars, lines);
            }
        });
        this.clock = clock;
    }

    // Properties

    public ObservableList<CellViewModel> cells() {
        return cellsView;
    }

    /** How many cells are queued or running. */
    public ReadOnlyIntegerProperty activeProperty() {
        return active.getReadOnlyProperty();
    }

    /** Cells running longer than this are interrupted; {@code null} means no limit. */
    public ObjectProperty<Duration> cellTimeoutProperty() {
        return cellTimeout;
    }

    public CellViewModel cell(int number) {
        return cells.stream().filter(c -> c.number() == number).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no cell " + number));
    }

    /** Called after any cell (user's or agent's) finishes, on the UI thread. */
    public void onCellFinished(Consumer<CellViewModel> listener) {
        finishedListeners.add(listener);
    }

    // Commands

    /** Adds an empty (or pre-filled) user cell at the end. */
    public CellViewModel addCell(String code) {
        return addCell(code, CellViewModel.Origin.USER);
    }

    /** Adds a cell at the end, written by {@code origin} (the demo player adds the assistant's cells this way). */
    public CellViewModel addCell(String code, CellViewModel.Origin origin) {
        CellViewModel cell = new CellViewModel(nextNumber++, origin, code);
        cells.add(cell);
        return cell;
    }

    /** Runs code without a cell, outputs or history (set-up the user need not see); completes with the result. */
    public CompletableFuture<ExecutionResult> runHidden(String code) {
        return engine.get().thenCompose(python -> python.execute(new ExecutionRequest(code, null, true, false), output -> { }));
    }

    /** Adds a user cell right after {@code anchor}. */
    public CellViewModel addCellAfter(CellViewModel anchor, String code) {
        CellViewModel cell = new CellViewModel(nextNumber++, CellViewModel.Origin.USER, code);
        int at = cells.indexOf(anchor);
        cells.add(at < 0 ? cells.size() : at + 1, cell);
        return cell;
    }

    /** Removes a cell; a queued or running one is left alone (interrupt it first). */
    public boolean delete(CellViewModel cell) {
        if (cell.state().active()) {
            return false;
        }
        return cells.remove(cell);
    }

    /** Queues the cell's code on the engine; outputs appear as they are produced. */
    public CompletableFuture<ExecutionResult> run(CellViewModel cell) {
        if (cell.state().active()) {
            return CompletableFuture.failedFuture(new IllegalStateException(cell + " is already running"));
        }
        cell.markQueued();
        queue.addLast(cell);
        updateActive();
        startHeadIfIdle();
        ExecutionRequest request = ExecutionRequest.of(cell.source());
        Duration limit = cellTimeout.get();
        if (limit != null) {
            request = request.withTimeout(limit);
        }
        ExecutionRequest submitted = request;
        CompletableFuture<ExecutionResult> done = new CompletableFuture<>();
        engine.get()
                .thenCompose(python -> python.execute(submitted, output -> feed.offer(cell, output)))
                .whenComplete((result, error) -> ui.execute(() -> {
                    queue.remove(cell);
                    if (error != null) {
                        cell.fail(studio.codeact.gui.Messages.sentence(error));
                        done.completeExceptionally(error);
                    } else {
                        cell.finish(result);
                        done.complete(result);
                    }
                    updateActive();
                    startHeadIfIdle();
                    finishedListeners.forEach(l -> l.accept(cell));
                }));
        return done;
    }

    /** The engine's completions for {@code code} at {@code caret} (empty when the engine is not ready). */
    public CompletableFuture<studio.codeact.engine.Completion> complete(String code, int caret) {
        return engine.get().thenCompose(python -> python.complete(code, caret));
    }

    /** Reads pages of a DataFrame variable through the engine (sorting happens in Python). */
    public studio.codeact.gui.table.TableSource tableSource() {
        return query -> engine.get().thenCompose(python -> python.readTable(query));
    }

    /** The UI executor, for views that build their own view models (tables). */
    public Executor uiExecutor() {
        return ui;
    }

    /** Updates running cells' elapsed times; the app calls it a few times a second. */
    public void tick() {
        long now = clock.getAsLong();
        for (CellViewModel cell : cells) {
            if (cell.state() == CellViewModel.State.RUNNING) {
                cell.tick(now);
            }
        }
    }

    // The agent's cells

    /** A cell for a code action the agent is about to run. */
    public CellViewModel beginAgentCell(String code) {
        return beginAgentCell(code, CellViewModel.Origin.AGENT);
    }

    /** A cell the agent is about to run: a model's action ({@code AGENT}) or the code loading the user's data files ({@code DATA}). */
    public CellViewModel beginAgentCell(String code, CellViewModel.Origin origin) {
        CellViewModel cell = new CellViewModel(nextNumber++, origin, code);
        cells.add(cell);
        cell.markQueued();
        cell.markRunning(clock.getAsLong());
        updateActive();
        return cell;
    }

    /** A cell of a continued session runs again: its recorded outputs give way to the new ones ({@link #agentFinished}). */
    public void rerunStarted(CellViewModel cell) {
        cell.markQueued();
        cell.markRunning(clock.getAsLong());
        updateActive();
    }

    public void agentOutput(CellViewModel cell, Output output) {
        cell.append(output);
    }

    /** Printed text of an agent's cell cut on its way here ({@link OutputFeed}); FX thread. */
    public void agentCut(CellViewModel cell, Output.StreamName stream, long chars, long lines) {
        cell.appendCut(stream, chars, lines);
    }

    public void agentFinished(CellViewModel cell, ExecutionResult result) {
        cell.finish(result);
        updateActive();
        finishedListeners.forEach(l -> l.accept(cell));
    }

    /** The agent's action never ran (rejected, cancelled). */
    public void agentAbandoned(CellViewModel cell, String why) {
        cell.fail(why);
        updateActive();
    }

    /** Forgets all cells (new session). */
    public void clear() {
        cells.removeIf(cell -> !cell.state().active());
        nextNumber = cells.stream().mapToInt(CellViewModel::number).max().orElse(0) + 1;
    }

    private void startHeadIfIdle() {
        CellViewModel head = queue.peekFirst();
        if (head != null && head.state() == CellViewModel.State.QUEUED) {
            head.markRunning(clock.getAsLong());
        }
    }

    private void updateActive() {
        active.set((int) cells.stream().filter(c -> c.state().active()).count());
    }
}
