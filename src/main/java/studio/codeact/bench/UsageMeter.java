package studio.codeact.bench;

import studio.codeact.llm.ChatCall;
import studio.codeact.llm.ChatModel;
import studio.codeact.llm.ChatRequest;
import studio.codeact.llm.ChatResponse;
import studio.codeact.llm.LlmException;
import studio.codeact.llm.ModelInfo;
import studio.codeact.llm.StreamHandler;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link ChatModel} in front of the model under test for one code-mode run: it counts the
 * replies and their tokens (the agent does not report usage), remembers the last model failure,
 * and refuses requests beyond the task's turn budget without sending them.
 *
 * <p>Thread-safe: the agent calls it from its own thread and hears back on the client's.
 */
final class UsageMeter implements ChatModel {

    private final ChatModel model;
    private final int budget;
    private int requests;
    private int replies;
    private long promptTokens = -1;
    private long completionTokens = -1;
    private LlmException failure;
    private boolean exhausted;

    UsageMeter(ChatModel model, int budget) {
        this.model = model;
        this.budget = budget;
    }

    @Override
    public String provider() {
        return model.provider();
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        admit();
        try {
            ChatResponse response = model.chat(request);
            completed(response);
            return response;
        } catch (LlmException e) {
            failed(e);
            throw e;
        }
    }

    @Override
    public ChatCall stream(ChatRequest request, StreamHandler handler) {
        try {
            admit();
        } catch (LlmException.Cancelled refused) {
            handler.onError(refused);
            return new RefusedCall(refused);
        }
        return model.stream(request, new StreamHandler() {
            @Override
            public void onTextDelta(String text) {
                handler.onTextDelta(text);
            }

            @Override
            public void onToolCallDelta(int index, String id, String name, String argumentsDelta) {
                handler.onToolCallDelta(index, id, name, argumentsDelta);
            }

            @Override
            public void onComplete(ChatResponse response) {
                completed(response);
                handler.onComplete(response);
            }

            @Override
            public void onError(LlmException error) {
                failed(error);
                handler.onError(error);
            }
        });
    }

    @Override
    public List<ModelInfo> listModels() {
        return model.listModels();
    }

    synchronized int replies() {
        return replies;
    }

    synchronized int turnsLeft() {
        return budget - requests;
    }

    synchronized long promptTokens() {
        return promptTokens;
    }

    synchronized long completionTokens() {
        return completionTokens;
    }

    /** The last failure of the model's server, other than a cancelled call; {@code null} if none. */
    synchronized LlmException failure() {
        return failure;
    }

    /** Whether a request was refused because the turn budget was spent. */
    synchronized boolean exhausted() {
        return exhausted;
    }

    private synchronized void admit() {
        if (requests >= budget) {
            exhausted = true;
            throw new LlmException.Cancelled("the task's turn limit of " + budget + " replies is spent");
        }
        requests++;
    }

    private synchronized void completed(ChatResponse response) {
        replies++;
        if (response.usage().promptTokens() >= 0) {
            promptTokens = Math.max(0, promptTokens) + response.usage().promptTokens();
        }
        if (response.usage().completionTokens() >= 0) {
            completionTokens = Math.max(0, completionTokens) + response.usage().completionTokens();
        }
    }

    private synchronized void failed(LlmException error) {
        if (!(error instanceof LlmException.Cancelled)) {
            failure = error;
        }
    }

    /** A call that never went out. */
    private record RefusedCall(LlmException reason) implements ChatCall {
        @Override
        public void cancel() {
        }

        @Override
        public CompletableFuture<ChatResponse> response() {
            return CompletableFuture.failedFuture(reason);
        }
    }
}
