package studio.codeact.agent;

import studio.codeact.engine.EngineException;
import studio.codeact.engine.ExecutionRequest;
import studio.codeact.engine.ExecutionResult;
import studio.codeact.engine.ExecutionStatus;
import studio.codeact.engine.MimeBundle;
import studio.codeact.engine.Output;
import studio.codeact.engine.PythonEngine;
import studio.codeact.session.Cell;
import studio.codeact.session.CellKind;
import studio.codeact.session.CellStatus;
import studio.codeact.session.Entry;
import studio.codeact.session.OutputCompaction;
import studio.codeact.session.PngSize;
import studio.codeact.session.SessionStore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs one cell for the agent: records it in the session before it starts (so a crash leaves it
 * pending), streams its outputs as events, saves its figures as they arrive, and records how it
 * ended. Used only on the agent's thread.
 */
final class CellRunner {

    /** What a cell produced. */
    record Run(Cell cell, ExecutionResult result, List<Figure> figures) { }

    private final PythonEngine engine;
    private final SessionStore store;
    private final EventPump pump;
    private final Consumer<AgentEvent> emit;
    private final int storedStreamChars;
    private final BooleanSupplier cancelled;
    private volatile CompletableFuture<ExecutionResult> running;

    CellRunner(PythonEngine engine, SessionStore store, EventPump pump, Consumer<AgentEvent> emit, int storedStreamChars,
               BooleanSupplier cancelled) {
        this.cancelled = cancelled;
        this.engine = engine;
        this.store = store;
        this.pump = pump;
        this.emit = emit;
        this.storedStreamChars = storedStreamChars;
    }

    /** The number the next cell gets. */
    int nextNumber() {
        return store.current().cells().size() + 1;
    }

    /** Records a cell the user refused to run. */
    Cell reject(int turn, String code) {
        Cell cell = new Cell(nextNumber(), CellKind.ACTION, turn, code, CellStatus.REJECTED, 0, List.of(), List.of(), 0);
        store.update(s -> s.withEntry(new Entry.CodeCell(Instant.now(), cell)));
        emit.accept(new AgentEvent.ActionFinished(cell));
        return cell;
    }

    /**
     * Runs {@code code} as the next cell and waits for it.
     *
     * @param timeout interrupt it after this long ({@code null}: no limit)
     */
    Run run(CellKind kind, int turn, String code, Duration timeout) {
        Cell pending = Cell.pending(nextNumber(), kind, turn, code);
        store.update(s -> s.withEntry(new Entry.CodeCell(Instant.now(), pending)));
        // On disk before it runs: code that kills the process leaves its own record behind.
        store.flush();
        emit.accept(new AgentEvent.ActionStarted(pending.number(), turn, code));
        List<Figure> figures = new ArrayList<>();
        ExecutionRequest request = ExecutionRequest.of(code).withTimeout(timeout);
        CompletableFuture<ExecutionResult> future = engine.execute(request,
                output -> pump.post(() -> received(pending.number(), output, figures)));
        running = future;
        if (cancelled.getAsBoolean()) {
            engine.interrupt();
        }
        ExecutionResult result;
        try {
            result = pump.await(future);
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw cause instanceof EngineException engineError ? engineError
                    : new EngineException("the Python engine failed while running cell " + pending.number() + ": " + cause.getMessage(), cause);
        } finally {
            running = null;
        }
        if (cancelled.getAsBoolean() && (result.status() == ExecutionStatus.DIED || result.status() == ExecutionStatus.ERROR)) {
            result = UserCancel.recorded(result);
        }
        Cell finished = pending.finished(status(result.status()), result.executionCount(),
                OutputCompaction.compact(withoutProgress(result.outputs()), storedStreamChars), figures.stream().map(Figure::path).toList(),
                result.elapsed().toMillis());
        store.update(s -> s.withCell(finished, Instant.now()));
        emit.accept(new AgentEvent.ActionFinished(finished));
        return new Run(finished, result, List.copyOf(figures));
    }

    /** The outputs a cell keeps: a computation's progress displays are shown while it runs, never stored. */
    static List<Output> withoutProgress(List<Output> outputs) {
        return outputs.stream().filter(o -> !(o instanceof Output.Display display && display.data().has(MimeBundle.PROGRESS))).toList();
    }

    /** Interrupts the running cell, if there is one (any thread). */
    void interrupt() {
        CompletableFuture<ExecutionResult> current = running;
        if (current != null && !current.isDone()) {
            engine.interrupt();
        }
    }

    boolean isRunning() {
        return running != null;
    }

    /** On the agent's thread: saves a figure when the output carries one, then reports the output. */
    private void received(int cell, Output output, List<Figure> figures) {
        MimeBundle data = switch (output) {
            case Output.Display display -> display.data();
            case Output.Result result -> result.data();
            default -> null;
        };
        if (data != null) {
            Optional<byte[]> png = data.png();
            if (png.isPresent()) {
                String path = store.saveFigure(png.get());
                figures.add(new Figure(store.figureCount(), path, PngSize.of(png.get()), png.get()));
            }
        }
        emit.accept(new AgentEvent.CellOutput(cell, output));
    }

    static CellStatus status(ExecutionStatus status) {
        return switch (status) {
            case OK -> CellStatus.OK;
            case ERROR -> CellStatus.ERROR;
            case TIMED_OUT -> CellStatus.TIMED_OUT;
            case DIED -> CellStatus.DIED;
            case ABORTED -> CellStatus.ABORTED;
        };
    }
}
