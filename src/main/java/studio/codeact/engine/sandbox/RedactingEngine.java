package studio.codeact.engine.sandbox;

import studio.codeact.engine.Completion;
import studio.codeact.engine.EngineInfo;
import studio.codeact.engine.EngineKind;
import studio.codeact.engine.EngineListener;
import studio.codeact.engine.EngineState;
import studio.codeact.engine.ExecutionRequest;
import studio.codeact.engine.ExecutionResult;
import studio.codeact.engine.Inspection;
import studio.codeact.engine.MimeBundle;
import studio.codeact.engine.Output;
import studio.codeact.engine.OutputListener;
import studio.codeact.engine.PythonEngine;
import studio.codeact.engine.StdinHandler;
import studio.codeact.engine.TablePage;
import studio.codeact.engine.TableQuery;
import studio.codeact.engine.VariableInfo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * An engine whose every output has the configured key values replaced by {@code [redacted]}
 * ({@link Redactor}) before anyone sees it: the listener (the agent, the GUI), the result (the
 * model's observation, the session record, its exports), the variables panel and table pages.
 * {@link studio.codeact.engine.Engines} wraps every engine in it; the rest delegates unchanged.
 *
 * <p>Limit: a key split across two stream chunks of one cell is not recognised in the chunks
 * (the result's outputs are the same chunks).
 */
public final class RedactingEngine implements PythonEngine {

    private final PythonEngine engine;
    private final Redactor redactor;

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
        return engine.execute(request, output -> listener.onOutput(redact(output))).thenApply(this::redact);
    }

    private ExecutionResult redact(ExecutionResult result) {
        return new ExecutionResult(result.status(), result.executionCount(), result.outputs().stream().map(this::redact).toList(),
                result.error().map(error -> (Output.Error) redact(error)), result.elapsed(), redactor.redact(result.note()));
    }

    Output redact(Output output) {
        return switch (output) {
            case Output.Stream stream -> new Output.Stream(stream.name(), redactor.redact(stream.text()));
            case Output.Display display -> new Output.Display(redact(display.data()), display.metadata());
            case Output.Result result -> new Output.Result(result.executionCount(), redact(result.data()), result.metadata());
            case Output.Error error -> new Output.Error(error.ename(), redactor.redact(error.evalue()),
                    error.traceback().stream().map(redactor::redact).toList());
        };
    }

    private MimeBundle redact(MimeBundle bundle) {
        Map<String, String> data = new LinkedHashMap<>();
        bundle.data().forEach((mime, value) -> data.put(mime,
                mime.equals(MimeBundle.IMAGE_PNG) ? value : redactor.redact(value)));
        return new MimeBundle(data);
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
        engine.addListener(listener);
    }

    @Override
    public void removeListener(EngineListener listener) {
        engine.removeListener(listener);
    }

    @Override
    public void setStdinHandler(StdinHandler handler) {
        engine.setStdinHandler(handler);
    }

    @Override
    public CompletableFuture<Completion> complete(String code, int cursor) {
        return engine.complete(code, cursor);
    }

    @Override
    public CompletableFuture<Inspection> inspect(String code, int cursor, int detail) {
        return engine.inspect(code, cursor, detail);
    }

    @Override
    public CompletableFuture<List<VariableInfo>> variables() {
        return engine.variables().thenApply(list -> list.stream()
                .map(v -> new VariableInfo(v.name(), v.type(), v.shape(), v.bytes(), redactor.redact(v.summary())))
                .toList());
    }

    @Override
    public CompletableFuture<TablePage> readTable(TableQuery query) {
        return engine.readTable(query);
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
