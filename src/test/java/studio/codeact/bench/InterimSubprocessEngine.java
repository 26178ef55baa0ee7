package studio.codeact.bench;

import com.fasterxml.jackson.databind.JsonNode;
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
import studio.codeact.engine.PythonLocator;
import studio.codeact.engine.StdinHandler;
import studio.codeact.engine.TablePage;
import studio.codeact.engine.TableQuery;
import studio.codeact.engine.VariableInfo;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * INTERIM test scaffolding, to be deleted when {@code Engines} lands on main: just enough of a
 * {@link PythonEngine} (execute and restart, over an IPython shell in a subprocess) to run the
 * bench tests against a real Python. The other operations are not part of what the bench uses.
 */
final class InterimSubprocessEngine implements PythonEngine {

    private Process process;
    private BufferedWriter toPython;
    private BufferedReader fromPython;

    @Override
    public EngineKind kind() {
        return EngineKind.KERNEL;
    }

    @Override
    public synchronized void start() {
        if (process != null) {
            return;
        }
        try {
            Path script = Files.createTempFile("interim-engine-", ".py");
            try (var in = InterimSubprocessEngine.class.getResourceAsStream("interim_engine.py")) {
                Files.write(script, in.readAllBytes());
            }
            process = new ProcessBuilder(PythonLocator.choose(null).toString(), "-u", script.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            toPython = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
            fromPython = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized CompletableFuture<ExecutionResult> execute(ExecutionRequest request, OutputListener listener) {
        long started = System.nanoTime();
        try {
            toPython.write(BenchPython.JSON.writeValueAsString(Map.of("code", request.code())) + "\n");
            toPython.flush();
            JsonNode reply = BenchPython.JSON.readTree(fromPython.readLine());
            List<Output> outputs = new ArrayList<>();
            if (!reply.path("stdout").asText().isEmpty()) {
                outputs.add(new Output.Stream(Output.StreamName.STDOUT, reply.path("stdout").asText()));
            }
            if (reply.path("result").isTextual()) {
                outputs.add(new Output.Result(0, MimeBundle.of(MimeBundle.TEXT_PLAIN, reply.path("result").asText()), Map.of()));
            }
            Optional<Output.Error> error = Optional.empty();
            if (reply.path("error").isObject()) {
                List<String> traceback = new ArrayList<>();
                reply.path("error").path("traceback").forEach(line -> traceback.add(line.asText()));
                Output.Error failure = new Output.Error(reply.path("error").path("ename").asText(),
                        reply.path("error").path("evalue").asText(), traceback);
                outputs.add(failure);
                error = Optional.of(failure);
            }
            outputs.forEach(listener::onOutput);
            return CompletableFuture.completedFuture(new ExecutionResult(error.isPresent() ? ExecutionStatus.ERROR : ExecutionStatus.OK,
                    0, outputs, error, Duration.ofNanos(System.nanoTime() - started), ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void interrupt() {
    }

    @Override
    public synchronized void restart() {
        close();
        start();
    }

    @Override
    public EngineState state() {
        return process != null && process.isAlive() ? EngineState.IDLE : EngineState.CLOSED;
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
        throw new UnsupportedOperationException("not used by the bench");
    }

    @Override
    public CompletableFuture<Inspection> inspect(String code, int cursor, int detail) {
        throw new UnsupportedOperationException("not used by the bench");
    }

    @Override
    public CompletableFuture<List<VariableInfo>> variables() {
        throw new UnsupportedOperationException("not used by the bench");
    }

    @Override
    public CompletableFuture<TablePage> readTable(TableQuery query) {
        throw new UnsupportedOperationException("not used by the bench");
    }

    @Override
    public EngineInfo info() {
        throw new UnsupportedOperationException("not used by the bench");
    }

    @Override
    public synchronized void close() {
        if (process != null) {
            process.destroy();
            process = null;
        }
    }
}
