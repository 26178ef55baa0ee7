package studio.codeact.llm.scripted;

import studio.codeact.llm.ChatCall;
import studio.codeact.llm.ChatModel;
import studio.codeact.llm.ChatRequest;
import studio.codeact.llm.ChatResponse;
import studio.codeact.llm.FinishReason;
import studio.codeact.llm.LlmException;
import studio.codeact.llm.ModelInfo;
import studio.codeact.llm.StreamHandler;
import studio.codeact.llm.Usage;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link ChatModel} that replays canned replies in order and records every request it gets —
 * for the agent's tests and the app's demo mode. Replies stream as several word-sized deltas.
 * Like a real server it honours the request's stop sequences: text is cut before the first one
 * and the answer ends with {@link FinishReason#STOP_SEQUENCE}.
 *
 * <p>{@link #failOnTurn(int, LlmException)} makes a given request (1 = the first) fail with that
 * error instead; failing turns use up no reply. Asking for more replies than were scripted is a
 * bug in the test: {@link IllegalStateException}.
 *
 * <p>Threads: by default each streamed call plays on a new daemon thread of its own, as the
 * real providers do; {@link #onCallerThread()} plays it inside {@code stream} instead, for
 * deterministic tests. Configure it before use; calls may then come from any thread.
 */
public final class ScriptedChatModel implements ChatModel {

    private static final AtomicLong THREAD_IDS = new AtomicLong();

    private final Deque<ScriptedReply> replies = new ArrayDeque<>();
    private final Map<Integer, LlmException> failures = new HashMap<>();
    private final List<ChatRequest> requests = new ArrayList<>();
    private Executor executor = task -> Thread.ofPlatform().daemon()
            .name("scripted-model-call-" + THREAD_IDS.incrementAndGet()).start(task);
    private Duration pace = Duration.ZERO;

    /** A model that replies with these texts, in order. */
    public static ScriptedChatModel replying(String... texts) {
        ScriptedChatModel model = new ScriptedChatModel();
        for (String text : texts) {
            model.then(ScriptedReply.text(text));
        }
        return model;
    }

    /** Adds a reply to the end of the script. */
    public synchronized ScriptedChatModel then(ScriptedReply reply) {
        replies.addLast(Objects.requireNonNull(reply));
        return this;
    }

    public ScriptedChatModel thenText(String text) {
        return then(ScriptedReply.text(text));
    }

    /** Request number {@code turn} (1 = the first) fails with {@code error}. */
    public synchronized ScriptedChatModel failOnTurn(int turn, LlmException error) {
        if (turn < 1) {
            throw new IllegalArgumentException("turns count from 1, not " + turn);
        }
        failures.put(turn, Objects.requireNonNull(error));
        return this;
    }

    /** Plays streamed calls on the calling thread, inside {@code stream}. */
    public synchronized ScriptedChatModel onCallerThread() {
        executor = Runnable::run;
        return this;
    }

    /** Waits this long before each delta, so a demo looks like a model typing. */
    public synchronized ScriptedChatModel withDeltaDelay(Duration delay) {
        pace = Objects.requireNonNull(delay);
        return this;
    }

    /** Every request received so far, in order. */
    public synchronized List<ChatRequest> requests() {
        return List.copyOf(requests);
    }

    /** The latest request. @throws IllegalStateException when there was none */
    public synchronized ChatRequest lastRequest() {
        if (requests.isEmpty()) {
            throw new IllegalStateException("the scripted model has received no request");
        }
        return requests.getLast();
    }

    /** Replies not used yet. */
    public synchronized int remainingReplies() {
        return replies.size();
    }

    @Override
    public String provider() {
        return "scripted";
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        Outcome outcome = next(request);
        if (outcome.failure() != null) {
            throw outcome.failure();
        }
        return outcome.answer();
    }

    @Override
    public ChatCall stream(ChatRequest request, StreamHandler handler) {
        Outcome outcome = next(request);
        ScriptedCall call = new ScriptedCall();
        Duration delay;
        Executor runner;
        synchronized (this) {
            delay = pace;
            runner = executor;
        }
        runner.execute(() -> call.play(outcome.answer(), outcome.failure(), handler, delay));
        return call;
    }

    @Override
    public List<ModelInfo> listModels() {
        return List.of(new ModelInfo("scripted", "Scripted replies (demo)"));
    }

    private record Outcome(ChatResponse answer, LlmException failure) { }

    private synchronized Outcome next(ChatRequest request) {
        requests.add(request);
        int turn = requests.size();
        LlmException failure = failures.get(turn);
        if (failure != null) {
            return new Outcome(null, failure);
        }
        ScriptedReply reply = replies.pollFirst();
        if (reply == null) {
            throw new IllegalStateException("the scripted model has no reply for request " + turn
                    + "; script more replies with then(...)");
        }
        return new Outcome(answer(reply, request), null);
    }

    private static ChatResponse answer(ScriptedReply reply, ChatRequest request) {
        String text = reply.text();
        FinishReason reason = reply.finishReason();
        var calls = reply.toolCalls();
        int cut = firstStop(text, request.stop());
        if (reason == null && cut >= 0) {
            text = text.substring(0, cut);
            reason = FinishReason.STOP_SEQUENCE;
            calls = List.of();
        }
        if (reason == null) {
            reason = calls.isEmpty() ? FinishReason.STOP : FinishReason.TOOL_CALLS;
        }
        return new ChatResponse(text, calls, reason, reply.usage() == null ? Usage.UNKNOWN : reply.usage(), request.model());
    }

    private static int firstStop(String text, List<String> stops) {
        int first = -1;
        for (String stop : stops) {
            int at = stop.isEmpty() ? -1 : text.indexOf(stop);
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
            }
        }
        return first;
    }
}
