package studio.codeact.llm.scripted;

import studio.codeact.llm.ChatCall;
import studio.codeact.llm.ChatResponse;
import studio.codeact.llm.LlmException;
import studio.codeact.llm.StreamHandler;
import studio.codeact.llm.ToolCall;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** One streamed answer of a {@link ScriptedChatModel}: deltas, then the end, unless cancelled. */
final class ScriptedCall implements ChatCall {

    private static final int MAX_DELTA = 12;

    private final CompletableFuture<ChatResponse> response = new CompletableFuture<>();
    private final CountDownLatch cancelled = new CountDownLatch(1);

    @Override
    public void cancel() {
        cancelled.countDown();
    }

    @Override
    public CompletableFuture<ChatResponse> response() {
        return response;
    }

    /** Plays the outcome to {@code handler}; runs on whatever thread the model's executor gives it. */
    void play(ChatResponse answer, LlmException failure, StreamHandler handler, Duration pace) {
        try {
            if (failure != null) {
                end(handler, failure);
                return;
            }
            for (String piece : pieces(answer.text())) {
                if (waitOrCancelled(pace)) {
                    end(handler, new LlmException.Cancelled("the request to the scripted model was cancelled"));
                    return;
                }
                handler.onTextDelta(piece);
            }
            List<ToolCall> calls = answer.toolCalls();
            for (int i = 0; i < calls.size(); i++) {
                ToolCall call = calls.get(i);
                for (String piece : pieces(call.argumentsJson())) {
                    if (waitOrCancelled(pace)) {
                        end(handler, new LlmException.Cancelled("the request to the scripted model was cancelled"));
                        return;
                    }
                    handler.onToolCallDelta(i, call.id(), call.name(), piece);
                }
            }
            if (waitOrCancelled(Duration.ZERO)) {
                end(handler, new LlmException.Cancelled("the request to the scripted model was cancelled"));
                return;
            }
            handler.onComplete(answer);
            response.complete(answer);
        } catch (RuntimeException e) {
            response.completeExceptionally(e);
            throw e;
        }
    }

    private void end(StreamHandler handler, LlmException error) {
        try {
            handler.onError(error);
        } finally {
            response.completeExceptionally(error);
        }
    }

    /** True when cancelled, checked after waiting {@code pace}. */
    private boolean waitOrCancelled(Duration pace) {
        try {
            if (pace.isZero()) {
                return cancelled.getCount() == 0;
            }
            return cancelled.await(pace.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** Text in word-sized pieces: each ends after whitespace or at {@value #MAX_DELTA} characters. */
    static List<String> pieces(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            boolean split = Character.isWhitespace(text.charAt(i)) || i + 1 - start >= MAX_DELTA;
            if (split && !(Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length())) {
                out.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            out.add(text.substring(start));
        }
        return out;
    }
}
