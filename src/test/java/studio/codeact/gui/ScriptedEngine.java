package studio.codeact.gui;

import studio.codeact.engine.Completion;
import studio.codeact.engine.EngineInfo;
import studio.codeact.engine.EngineKind;
import studio.codeact.engine.EngineListener;
import studio.codeact.engine.EngineState;
import studio.codeact.engine.ExecutionRequest;
import studio.codeact.engine.ExecutionResult;
import studio.codeact.engine.ExecutionStatus;
import studio.codeact.engine.Inspection;
import studio.codeact.engine.MimeBundle;
import studio.codeact.engine.Output;
import studio.codeact.engine.OutputListener;
import studio.codeact.engine.PythonEngine;
import studio.codeact.engine.StdinHandler;
import studio.codeact.engine.TablePage;
import studio.codeact.engine.TableQuery;
import studio.codeact.engine.VariableInfo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A hand-driven {@link PythonEngine} for fast view-model tests: executions wait until the test
 * answers them, on the test's own thread. Tests of whole gestures use a real engine instead.
 */
public final class ScriptedEngine implements PythonEngine {

    /** An execution the test has not answered yet. */
    public record Pending(ExecutionRequest request, OutputListener listener, CompletableFuture<ExecutionResult> result) {

        /** Emits {@code outputs} and ends the run with {@code status}. */
        public void answer(ExecutionStatus status, int count, Output... outputs) {
            List<Output> all = new ArrayList<>();
            for (Output output : outputs) {
                listener.onOutput(output);
                all.add(output);
            }
            Optional<Output.Error> error = all.stream().filter(Output.Error.class::isInstance).map(Output.Error.class::cast).findFirst();
            result.complete(new ExecutionResult(status, count, all, error, Duration.ofMillis(120), ""));
        }

        public void ok(int count, Output... outputs) {
            answer(ExecutionStatus.OK, count, outputs);
        }
    }

    public final List<Pending> pending = new CopyOnWriteArrayList<>();
    public final List<TableQuery> tableQueries = new CopyOnWriteArrayList<>();
    public final List<CompletableFuture<TablePage>> tableAnswers = new CopyOnWriteArrayList<>();
    private volatile List<VariableInfo> variables = List.of();
    private final java.util.concurrent.atomic.AtomicInteger variableCalls = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger interrupts = new java.util.concurrent.atomic.AtomicInteger();
    public volatile boolean closed;

    public static Output.Stream stdout(String text) {
        return new Output.Stream(Output.StreamName.STDOUT, text);
    }

    public static Output.Result result(int count, String mime, String value) {
        Map<String, String> bundle = new java.util.LinkedHashMap<>();
        bundle.put(MimeBundle.TEXT_PLAIN, "<repr>");
        bundle.put(mime, value);
        return new Output.Result(count, new MimeBundle(bundle), Map.of());
    }

    public static Output.Error error(String name, String message) {
        return new Output.Error(name, message, List.of("Traceback (most recent call last):", "  Cell In[1], line 1", name + ": " + message));
    }

    /** What {@link #variables()} answers from now on. Any thread. */
    public void answerVariables(List<VariableInfo> next) {
        variables = List.copyOf(next);
    }

    /** How many times the variables were asked for. Any thread. */
    public int variableCalls() {
        return variableCalls.get();
    }

    /** How many interrupts arrived. Any thread. */
    public int interrupts() {
        return interrupts.get();
    }

    @Override
    public EngineKind kind() {
        return EngineKind.EMBEDDED;
    }

    @Override
    public void start() {
    }

    @Override
    public CompletableFuture<ExecutionResult> execute(ExecutionRequest request, OutputListener listener) {
        CompletableFuture<ExecutionResult> result = new CompletableFuture<>();
        pending.add(new Pending(request, listener, result));
        return result;
    }

    /** The oldest unanswered execution, removed from the list. */
    public Pending next() {
        return pending.removeFirst();
    }

    @Override
    public void interrupt() {
        interrupts.incrementAndGet();
    }

    @Override
    public void restart() {
    }

    @Override
    public EngineState state() {
        return pending.isEmpty() ? EngineState.IDLE : EngineState.BUSY;
    }

    @Override
    public void addListener(EngineListener listener) {
    }

    @Override
    public void removeListener(EngineListener listener) {
    }

    @Override
    public void setStdinHandler(StdinHandler handler) {
    }

    @Override
    public CompletableFuture<Completion> complete(String code, int cursor) {
        return CompletableFuture.completedFuture(new Completion(List.of("mean", "median"), cursor, cursor));
    }

    @Override
    public CompletableFuture<Inspection> inspect(String code, int cursor, int detail) {
        return CompletableFuture.completedFuture(new Inspection(false, new MimeBundle(Map.of())));
    }

    @Override
    public CompletableFuture<List<VariableInfo>> variables() {
        variableCalls.incrementAndGet();
        return CompletableFuture.completedFuture(variables);
    }

    @Override
    public CompletableFuture<TablePage> readTable(TableQuery query) {
        tableQueries.add(query);
        CompletableFuture<TablePage> answer = new CompletableFuture<>();
        tableAnswers.add(answer);
        return answer;
    }

    @Override
    public EngineInfo info() {
        return new EngineInfo(EngineKind.EMBEDDED, "/usr/bin/python3", "3.11", 0, Map.of());
    }

    @Override
    public void close() {
        closed = true;
    }
}
