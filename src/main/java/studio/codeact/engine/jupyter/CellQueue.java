package studio.codeact.engine.jupyter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import studio.codeact.engine.EngineEvent;
import studio.codeact.engine.EngineException;
import studio.codeact.engine.EngineState;
import studio.codeact.engine.ExecutionRequest;
import studio.codeact.engine.ExecutionStatus;
import studio.codeact.engine.Output;
import studio.codeact.engine.OutputListener;
import studio.codeact.engine.StdinHandler;
import studio.codeact.engine.support.Durations;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The engine's state on its event thread: the active kernel, the queue of cells (one runs at a
 * time, in submission order), the routing of kernel messages by {@code parent_header.msg_id},
 * timeouts, stdin, and what happens when a kernel dies.
 *
 * <p>Thread: every method runs on the event thread, except {@link #state()}, {@link #lastKernel()},
 * {@link #setupMillis()}, {@link #interruptRunning()} and {@link #request}, which any thread may call.
 */
final class CellQueue implements StartedKernel.Events {

    private static final System.Logger LOG = System.getLogger(CellQueue.class.getName());

    /** What {@link #detach} took away: the kernel to stop, and whether a cell was running on it. */
    record Detached(StartedKernel kernel, boolean busy) { }

    private final JupyterEngine engine;
    private final HelperCalls helpers;
    private final ScheduledExecutorService timer;
    private final Duration interruptGrace;
    private final Deque<CellRun> queue = new ArrayDeque<>();
    private final PendingReplies replies = new PendingReplies();
    private volatile EngineState state = EngineState.NOT_STARTED;
    private volatile StartedKernel active;
    private volatile StartedKernel last;
    private volatile CellRun current;
    private volatile double setupMillis;

    CellQueue(JupyterEngine engine, HelperCalls helpers, ScheduledExecutorService timer, Duration interruptGrace) {
        this.engine = engine;
        this.helpers = helpers;
        this.timer = timer;
        this.interruptGrace = interruptGrace;
    }

    EngineState state() {
        return state;
    }

    /** The kernel started last (kept after it died, for {@code info()}). */
    StartedKernel lastKernel() {
        return last;
    }

    double setupMillis() {
        return setupMillis;
    }

    void setState(EngineState next) {
        if (state != next) {
            state = next;
            engine.emit(new EngineEvent.StateChanged(next));
        }
    }

    /** A ready kernel takes over: the support setup runs first, then whatever is queued. */
    void activate(StartedKernel kernel) {
        active = kernel;
        last = kernel;
        CellRun setup = new CellRun(new ExecutionRequest(helpers.setupCode(), null, true, false), OutputListener.NONE, Map.of(), true);
        long started = System.nanoTime();
        setup.future.thenAccept(result -> {
            setupMillis = (System.nanoTime() - started) / 1e6;
            if (result.status() == ExecutionStatus.ABORTED) {
                LOG.log(System.Logger.Level.DEBUG, "the kernel's support setup did not run: " + result.note());
            } else if (!result.ok()) {
                LOG.log(System.Logger.Level.WARNING, "the kernel's support setup failed (" + result.status() + "): "
                        + result.error().map(Output.Error::summary).orElse(result.note()));
            }
        });
        queue.addFirst(setup);
        setState(EngineState.IDLE);
        pump();
    }

    /**
     * Takes the kernel away from the queue: the running cell and every queued one end ABORTED,
     * waiting replies fail, and the state becomes {@code next}.
     */
    Detached detach(EngineState next, String reason) {
        StartedKernel kernel = active;
        CellRun run = current;
        active = null;
        current = null;
        setState(next);
        if (run != null) {
            run.complete(ExecutionStatus.ABORTED, reason + " while this cell ran");
        }
        abortQueued(reason + " before this cell ran");
        replies.failAll(reason);
        return new Detached(kernel, run != null);
    }

    void submit(CellRun run) {
        switch (state) {
            case DEAD -> run.complete(ExecutionStatus.ABORTED, "the kernel is not running (it died or could not start); restart the engine to run code");
            case CLOSED -> run.complete(ExecutionStatus.ABORTED, "the engine was shut down");
            default -> {
                queue.add(run);
                pump();
            }
        }
    }

    /** Sends the next queued cell when none runs. */
    private void pump() {
        StartedKernel kernel = active;
        if (current != null || kernel == null || (state != EngineState.IDLE && state != EngineState.BUSY)) {
            return;
        }
        CellRun next = queue.poll();
        if (next == null) {
            return;
        }
        current = next;
        StdinHandler handler = next.internal ? StdinHandler.REFUSE : engine.stdinHandler();
        ExecutionRequest request = next.request;
        JupyterMessage sent = kernel.messages().execute(request.code(), request.silent(), request.storeHistory(),
                next.userExpressions, handler != StdinHandler.REFUSE);
        kernel.transport().send(Channel.SHELL, sent);
        next.started(sent.msgId(), handler);
        if (request.timeout() != null) {
            schedule(next, request.timeout(), () -> onTimeout(next));
        }
        if (!next.internal) {
            setState(EngineState.BUSY);
        }
    }

    @Override
    public void onMessage(StartedKernel kernel, Channel channel, JupyterMessage message) {
        try {
            route(kernel, channel, message);
        } catch (RuntimeException e) {
            // a malformed message must not take the event thread (and every waiting cell) with it
            LOG.log(System.Logger.Level.WARNING, "could not handle " + message + " from the kernel", e);
        }
    }

    private void route(StartedKernel kernel, Channel channel, JupyterMessage message) {
        if (kernel.offerToHandshake(channel, message) || kernel != active) {
            return;
        }
        if (channel == Channel.SHELL && replies.offer(message)) {
            return;
        }
        CellRun run = current;
        if (run == null || !message.parentMsgId().equals(run.msgId())) {
            return; // e.g. the status of a completion request, or the tail of an aborted cell
        }
        switch (channel) {
            case IOPUB -> run.onIopub(message, Json.mapper());
            case SHELL -> run.onReply(message);
            case STDIN -> {
                if ("input_request".equals(message.msgType())) {
                    answerInput(kernel, run, message);
                }
            }
            default -> { }
        }
        if (run.finished() && run == current) {
            finish(run);
        }
    }

    private void finish(CellRun run) {
        current = null;
        pump();
        if ((current == null || current.internal) && state == EngineState.BUSY) {
            setState(EngineState.IDLE);
        }
        run.complete(run.request.timeout() == null ? "" : "interrupted after " + Durations.text(run.request.timeout()));
    }

    /** Asks the run's stdin handler (this may block) and replies; a refusal makes {@code input()} raise EOFError. */
    private void answerInput(StartedKernel kernel, CellRun run, JupyterMessage request) {
        String prompt = request.content().path("prompt").asText("");
        boolean password = request.content().path("password").asBoolean(false);
        Optional<String> answer;
        try {
            answer = run.stdin().readLine(prompt, password);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the stdin handler failed", e);
            answer = Optional.empty();
        }
        if (kernel == active && run == current) {
            String value = answer == null ? MessageFactory.END_OF_INPUT : answer.orElse(MessageFactory.END_OF_INPUT);
            kernel.transport().send(Channel.STDIN, kernel.messages().inputReply(value, request));
        }
    }

    private void onTimeout(CellRun run) {
        if (run != current) {
            return;
        }
        run.markTimedOut();
        active.interrupt();
        schedule(run, interruptGrace, () -> onGraceExpired(run));
    }

    /** The timed-out cell ignored the interrupt: restart the kernel on a thread of its own. */
    private void onGraceExpired(CellRun run) {
        if (run != current) {
            return;
        }
        current = null;
        setState(EngineState.RESTARTING); // nothing else may start on the stuck kernel
        Thread restarter = new Thread(() -> {
            try {
                engine.restart("a cell ran past its time limit and did not stop when interrupted",
                        "the kernel was restarted after a cell timed out", run);
            } catch (EngineException e) {
                LOG.log(System.Logger.Level.WARNING, "could not restart the kernel after a timeout: " + e.getMessage());
            }
        }, "codeact-kernel-restart");
        restarter.setDaemon(true);
        restarter.start();
    }

    /** Ends a cell whose timeout led to a restart (or to the engine's end). */
    void finishTimedOut(CellRun run, String what) {
        String limit = Durations.text(run.request.timeout());
        run.emit(new Output.Error("TimeoutError", "the cell ran longer than " + limit + " and did not stop when interrupted", List.of()));
        run.complete(ExecutionStatus.TIMED_OUT, "interrupted after " + limit + what);
    }

    /** Interrupts the running cell; the engine's own helpers (setup, variables, tables) are not cells. */
    void interruptRunning() {
        StartedKernel kernel = active;
        CellRun run = current;
        if (kernel != null && run != null && !run.internal) {
            kernel.interrupt();
        }
    }

    /** Sends a shell request (complete, inspect) from the event thread and completes with its reply there. */
    CompletableFuture<JupyterMessage> request(String type, ObjectNode content) {
        CompletableFuture<JupyterMessage> result = new CompletableFuture<>();
        engine.post(() -> {
            StartedKernel kernel = active;
            if (kernel == null) {
                result.completeExceptionally(new EngineException("the kernel is not running (" + state.name().toLowerCase(Locale.ROOT) + ")"));
                return;
            }
            JupyterMessage message = kernel.messages().message(type, content, null);
            replies.expect(message).whenComplete((reply, error) -> {
                if (error != null) {
                    result.completeExceptionally(error);
                } else {
                    result.complete(reply);
                }
            });
            kernel.transport().send(Channel.SHELL, message);
        }, () -> result.completeExceptionally(new EngineException("this engine was closed")));
        return result;
    }

    @Override
    public void onLost(StartedKernel kernel, String reason) {
        if (kernel != active || kernel.stopping() || !kernel.isAlive()) {
            return;
        }
        kernel.setDeathReason(reason);
        JupyterEngine.blockingTask(kernel::kill); // its exit reports the death
    }

    @Override
    public void onExit(StartedKernel kernel) {
        if (kernel != active || kernel.stopping()) {
            return; // stopped on purpose; whoever stopped it cleans up
        }
        String reason = kernel.deathReason();
        active = null;
        CellRun run = current;
        current = null;
        // state, then listeners, then the cell: whoever hears of the death or sees the DIED result finds the engine DEAD already
        setState(EngineState.DEAD);
        engine.emit(new EngineEvent.Died(reason));
        if (run != null) {
            run.emit(new Output.Error("KernelDied", "the kernel died while running this cell (" + reason + ")", List.of()));
            run.complete(ExecutionStatus.DIED, "the kernel died; restart it to go on (earlier variables are gone)");
        }
        abortQueued("the kernel died before this cell ran");
        replies.failAll(reason);
        JupyterEngine.blockingTask(kernel::release);
    }

    private void abortQueued(String note) {
        CellRun queued;
        while ((queued = queue.poll()) != null) {
            queued.complete(ExecutionStatus.ABORTED, note);
        }
    }

    private void schedule(CellRun run, Duration delay, Runnable task) {
        try {
            run.addTimer(timer.schedule(() -> engine.post(task, () -> { }), delay.toNanos(), TimeUnit.NANOSECONDS));
        } catch (RejectedExecutionException e) {
            LOG.log(System.Logger.Level.DEBUG, "the engine is closing; no timer for this cell");
        }
    }
}
