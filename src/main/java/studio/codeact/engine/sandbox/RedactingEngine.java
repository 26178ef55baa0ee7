package studio.codeact.engine.sandbox;

import studio.codeact.engine.Completion;
import studio.codeact.engine.EngineEvent;
import studio.codeact.engine.EngineInfo;
import studio.codeact.engine.EngineKind;
import studio.codeact.engine.EngineListener;
import studio.codeact.engine.EngineState;
import studio.codeact.engine.ExecutionRequest;
import studio.codeact.engine.ExecutionResult;
import studio.codeact.engine.Inspection;
import studio.codeact.engine.Output;
import studio.codeact.engine.OutputListener;
import studio.codeact.engine.PythonEngine;
import studio.codeact.engine.StdinHandler;
import studio.codeact.engine.TableColumn;
import studio.codeact.engine.TablePage;
import studio.codeact.engine.TableQuery;
import studio.codeact.engine.VariableInfo;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * An engine whose every output has the configured key values replaced by {@code [redacted]}
 * ({@link Redactor}) before anyone sees it: the listener (the agent, the GUI), the result (the
 * model's observation, the session record, its exports), the variables panel, table pages,
 * completions and inspections, the prompt of {@code input()}, and the engine's life events.
 * {@link studio.codeact.engine.Engines} wraps every engine in it; the rest delegates unchanged.
 *
 * <p>A key split across two stream chunks is found too ({@link CellRedaction}): the end of a
 * chunk that could be the start of a key waits for the next chunk. What waits when the cell ends
 * (it was no key) reaches the listener just before the result, on the thread that completes the
 * cell (the engine's event thread, unless the cell ended before {@code execute} returned).
 */
public final class RedactingEngine implements PythonEngine {

    private final PythonEngine engine;
    private final Redactor redactor;
    private final Map<EngineListener, EngineListener> listeners = new java.util.concurrent.ConcurrentHashMap<>();

    public RedactingEngine(PythonEngine engine, Redactor redactor) {
        this.engine = engine;
        this.redactor = redactor;
    }

    /** {@code engine} itself when there is nothing to redact. */
    public static PythonEngine wrap(PythonEngine engine, SandboxConfig config) {
        Redactor redactor = new Redactor(config.secretValues());
        return redactor.isEmpty() ? engine : new RedactingEngine(engine, redactor);
    }

    @Override
    public EngineKind kind() {
        return engine.kind();
    }

    @Override
    public void start() {
        engine.start();
    }

    @Override
    public CompletableFuture<ExecutionResult> execute(ExecutionRequest request, OutputListener listener) {
        CellRedaction cell = new CellRedaction(redactor);
        return engine.execute(request, output -> cell.pass(output).forEach(listener::onOutput))
                .thenApply(result -> {
                    cell.finish().forEach(listener::onOutput);
                    return redact(result);
                });
    }

    private ExecutionResult redact(ExecutionResult result) {
        return new ExecutionResult(result.status(), result.executionCount(), CellRedaction.redactAll(redactor, result.outputs()),
                result.error().map(error -> (Output.Error) redact(error)), result.elapsed(), redactor.redact(result.note()));
    }

    Output redact(Output output) {
        return CellRedaction.redact(redactor, output);
    }

    @Override
    public void interrupt() {
        engine.interrupt();
    }

    @Override
    public void restart() {
        engine.restart();
    }

    @Override
    public EngineState state() {
        return engine.state();
    }

    @Override
    public void addListener(EngineListener listener) {
        EngineListener redacting = listeners.computeIfAbsent(listener, original -> event -> original.onEvent(redact(event)));
        engine.addListener(redacting);
    }

    private EngineEvent redact(EngineEvent event) {
        return switch (event) {
            case EngineEvent.StateChanged changed -> changed;
            case EngineEvent.Died died -> new EngineEvent.Died(redactor.redact(died.reason()));
            case EngineEvent.Restarted restarted -> new EngineEvent.Restarted(redactor.redact(restarted.reason()));
        };
    }

    @Override
    public void removeListener(EngineListener listener) {
        EngineListener redacting = listeners.remove(listener);
        engine.removeListener(redacting == null ? listener : redacting);
    }

    @Override
    public void setStdinHandler(StdinHandler handler) {
        engine.setStdinHandler(handler == null ? null : (prompt, password) -> handler.readLine(redactor.redact(prompt), password));
    }

    @Override
    public CompletableFuture<Completion> complete(String code, int cursor) {
        return engine.complete(code, cursor).thenApply(found ->
                new Completion(found.matches().stream().map(redactor::redact).toList(), found.cursorStart(), found.cursorEnd()));
    }

    @Override
    public CompletableFuture<Inspection> inspect(String code, int cursor, int detail) {
        return engine.inspect(code, cursor, detail).thenApply(found -> new Inspection(found.found(), CellRedaction.redact(redactor, found.data())));
    }

    @Override
    public CompletableFuture<List<VariableInfo>> variables() {
        return engine.variables().thenApply(list -> list.stream()
                .map(v -> new VariableInfo(redactor.redact(v.name()), redactor.redact(v.type()), redactor.redact(v.shape()), v.bytes(),
                        redactor.redact(v.summary())))
                .toList());
    }

    @Override
    public CompletableFuture<TablePage> readTable(TableQuery query) {
        return engine.readTable(query).thenApply(this::redact);
    }

    /** Index labels, column names and text cells (numbers and times hold no key). */
    private TablePage redact(TablePage page) {
        List<TableColumn> columns = page.columns().stream().<TableColumn>map(column -> switch (column) {
            case TableColumn.Texts texts -> new TableColumn.Texts(redactor.redact(texts.name()), texts.dtype(),
                    java.util.Arrays.stream(texts.values()).map(redactor::redact).toArray(String[]::new));
            case TableColumn.Ints ints -> new TableColumn.Ints(redactor.redact(ints.name()), ints.dtype(), ints.values());
            case TableColumn.Floats floats -> new TableColumn.Floats(redactor.redact(floats.name()), floats.dtype(), floats.values());
            case TableColumn.Bools bools -> new TableColumn.Bools(redactor.redact(bools.name()), bools.dtype(), bools.values());
            case TableColumn.DateTimes times -> new TableColumn.DateTimes(redactor.redact(times.name()), times.dtype(), times.epochNanos());
        }).toList();
        return new TablePage(page.variable(), page.totalRows(), page.offset(), page.index().stream().map(redactor::redact).toList(), columns);
    }

    @Override
    public EngineInfo info() {
        return engine.info();
    }

    @Override
    public String dataPath(java.nio.file.Path localFile, studio.codeact.engine.TransferProgress progress) {
        return engine.dataPath(localFile, progress); // the remote engine uploads here
    }

    @Override
    public java.util.Optional<studio.codeact.engine.ServerFolder> serverFolder() {
        return engine.serverFolder(); // the Files panel lists the remote engine's folder through it
    }

    @Override
    public void close() {
        engine.close();
    }
}
