package studio.codeact.engine.jupyter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import studio.codeact.engine.ExecutionRequest;
import studio.codeact.engine.ExecutionResult;
import studio.codeact.engine.ExecutionStatus;
import studio.codeact.engine.Output;
import studio.codeact.engine.OutputListener;
import studio.codeact.engine.StdinHandler;
import studio.codeact.engine.support.Listeners;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * One {@code execute_request} from queueing to its end: collects what the kernel sends for it
 * and completes its future once BOTH the {@code execute_reply} and the iopub
 * {@code status: idle} have arrived, after the last output reached the listener.
 *
 * <p>Thread: the engine's event thread only (except {@link #future}, which anyone may read).
 */
final class CellRun {

    final ExecutionRequest request;
    final Map<String, String> userExpressions;
    /** The engine's own helper (support setup, variables, table pages): does not make the engine BUSY. */
    final boolean internal;
    final CompletableFuture<ExecutionResult> future = new CompletableFuture<>();

    private final OutputListener listener;
    private final long submitted = System.nanoTime();
    private final studio.codeact.engine.OutputBound outputs = new studio.codeact.engine.OutputBound();
    private String msgId;
    private StdinHandler stdin = StdinHandler.REFUSE;
    private Output.Error error;
    private int executionCount;
    private boolean replied;
    private boolean idle;
    private String replyStatus = "ok";
    private JsonNode userExpressionResults = MissingNode.getInstance();
    private boolean timedOut;
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();

    CellRun(ExecutionRequest request, OutputListener listener, Map<String, String> userExpressions, boolean internal) {
        this.request = request;
        this.listener = listener == null ? OutputListener.NONE : listener;
        this.userExpressions = Map.copyOf(userExpressions);
        this.internal = internal;
    }

    /** A silent helper run that evaluates one expression after empty code. */
    static CellRun expression(String expression) {
        return new CellRun(new ExecutionRequest("", null, true, false), OutputListener.NONE, Map.of("value", expression), true);
    }

    void started(String requestId, StdinHandler handler) {
        this.msgId = requestId;
        this.stdin = handler;
    }

    String msgId() {
        return msgId;
    }

    StdinHandler stdin() {
        return stdin;
    }

    void addTimer(ScheduledFuture<?> timer) {
        timers.add(timer);
    }

    void markTimedOut() {
        timedOut = true;
    }

    JsonNode userExpressionResults() {
        return userExpressionResults;
    }

    /** An iopub message whose parent is this run. */
    void onIopub(JupyterMessage message, ObjectMapper json) {
        switch (message.msgType()) {
            case "status" -> idle |= "idle".equals(message.content().path("execution_state").asText());
            case "execute_input" -> executionCount = message.content().path("execution_count").asInt(executionCount);
            default -> Outputs.from(message, json).ifPresent(this::emit);
        }
    }

    /** The shell {@code execute_reply} of this run. */
    void onReply(JupyterMessage message) {
        if (!"execute_reply".equals(message.msgType())) {
            return;
        }
        replied = true;
        JsonNode content = message.content();
        replyStatus = content.path("status").asText("ok");
        executionCount = content.path("execution_count").asInt(executionCount);
        userExpressionResults = content.path("user_expressions");
    }

    boolean finished() {
        return replied && idle;
    }

    /** Delivers one output to the listener (a failing listener is logged, never fatal) and keeps it. */
    void emit(Output output) {
        if (output instanceof Output.Error raised) {
            error = raised;
        }
        outputs.add(output);
        Listeners.guarded("an output listener", () -> listener.onOutput(output));
    }

    /** Ends the run as the kernel reported it (a timeout turns an interrupted end into TIMED_OUT). */
    void complete(String timeoutNote) {
        ExecutionStatus status = switch (replyStatus) {
            case "error" -> timedOut ? ExecutionStatus.TIMED_OUT : ExecutionStatus.ERROR;
            case "aborted" -> ExecutionStatus.ABORTED;
            default -> ExecutionStatus.OK;
        };
        if (status == ExecutionStatus.TIMED_OUT && error == null) {
            emit(new Output.Error("TimeoutError", "the cell ran longer than its time limit", List.of()));
        }
        complete(status, status == ExecutionStatus.TIMED_OUT ? timeoutNote : "");
    }

    /** Ends the run with a status of the engine's choosing (died, aborted, timed out and restarted). */
    void complete(ExecutionStatus status, String note) {
        timers.forEach(timer -> timer.cancel(false));
        int count = request.silent() ? 0 : executionCount;
        Duration elapsed = Duration.ofNanos(System.nanoTime() - submitted);
        future.complete(new ExecutionResult(status, count, outputs.outputs(), Optional.ofNullable(error), elapsed, note));
    }
}
