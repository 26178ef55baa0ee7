package studio.codeact.agent;

import studio.codeact.llm.ChatCall;
import studio.codeact.llm.ChatModel;
import studio.codeact.llm.ChatRequest;
import studio.codeact.llm.ChatResponse;
import studio.codeact.llm.LlmException;
import studio.codeact.llm.StreamHandler;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Streams one request to the model for the agent: deltas become {@link AgentEvent.AssistantDelta}
 * events on the agent's thread (through the {@link EventPump}); the call can be cancelled from any
 * thread.
 */
final class ModelCaller {

    private final ChatModel model;
    private final EventPump pump;
    private final Consumer<AgentEvent> emit;
    private final BooleanSupplier cancelled;
    private volatile ChatCall current;

    ModelCaller(ChatModel model, EventPump pump, Consumer<AgentEvent> emit, BooleanSupplier cancelled) {
        this.model = model;
        this.pump = pump;
        this.emit = emit;
        this.cancelled = cancelled;
    }

    /**
     * Sends {@code request} and waits for the whole reply, streaming its text as events.
     *
     * @throws LlmException as the model layer mapped the failure (a cancelled call included)
     */
    ChatResponse call(ChatRequest request, int turn, TurnClock clock) {
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        long started = System.nanoTime();
        ChatCall call = model.stream(request, new StreamHandler() {
            @Override
            public void onTextDelta(String text) {
                pump.post(() -> emit.accept(new AgentEvent.AssistantDelta(turn, text)));
            }

            @Override
            public void onComplete(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(LlmException error) {
                done.completeExceptionally(error);
            }
        });
        current = call;
        if (cancelled.getAsBoolean()) {
            call.cancel();
        }
        try {
            return pump.await(done);
        } catch (CompletionException e) {
            if (e.getCause() instanceof LlmException llm) {
                throw llm;
            }
            throw e;
        } finally {
            current = null;
            clock.modelNanos += System.nanoTime() - started;
        }
    }

    /** Stops the call in flight, if any (any thread). */
    void cancel() {
        ChatCall call = current;
        if (call != null) {
            call.cancel();
        }
    }
}
