package studio.codeact.llm;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link StreamHandler} that remembers everything it was told, and on which thread. */
public final class RecordingHandler implements StreamHandler {

    public record ToolDelta(int index, String id, String name, String argumentsDelta) { }

    public final List<String> textDeltas = new CopyOnWriteArrayList<>();
    public final List<ToolDelta> toolDeltas = new CopyOnWriteArrayList<>();
    public final List<String> threads = new CopyOnWriteArrayList<>();
    public final AtomicInteger endings = new AtomicInteger();
    private final CompletableFuture<ChatResponse> completed = new CompletableFuture<>();
    private final CompletableFuture<LlmException> failed = new CompletableFuture<>();

    @Override
    public void onTextDelta(String text) {
        threads.add(Thread.currentThread().getName());
        textDeltas.add(text);
    }

    @Override
    public void onToolCallDelta(int index, String id, String name, String argumentsDelta) {
        threads.add(Thread.currentThread().getName());
        toolDeltas.add(new ToolDelta(index, id, name, argumentsDelta));
    }

    @Override
    public void onComplete(ChatResponse response) {
        threads.add(Thread.currentThread().getName());
        endings.incrementAndGet();
        completed.complete(response);
        failed.cancel(false);
    }

    @Override
    public void onError(LlmException error) {
        threads.add(Thread.currentThread().getName());
        endings.incrementAndGet();
        failed.complete(error);
        completed.cancel(false);
    }

    /** The completed response; fails the test with the error if the call failed instead. */
    public ChatResponse awaitResponse() {
        try {
            return completed.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.CancellationException e) {
            throw new AssertionError("the call failed instead of completing: " + failed.getNow(null), failed.getNow(null));
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("no completion within 10 s", e);
        }
    }

    /** The error the call ended with; fails the test if it completed instead. */
    public LlmException awaitError() {
        try {
            return failed.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.CancellationException e) {
            throw new AssertionError("the call completed instead of failing: " + completed.getNow(null));
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("no error within 10 s", e);
        }
    }

    public String text() {
        return String.join("", textDeltas);
    }
}
