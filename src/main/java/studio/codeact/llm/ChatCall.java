package studio.codeact.llm;

import java.util.concurrent.CompletableFuture;

/** A streaming call in flight. */
public interface ChatCall {

    /** Stops the call and closes its connection; returns promptly. The handler then gets {@code onError} with a cancelled error. */
    void cancel();

    /** Completes with the full response, or exceptionally with the {@link LlmException}. */
    CompletableFuture<ChatResponse> response();
}
