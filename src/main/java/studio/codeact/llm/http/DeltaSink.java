package studio.codeact.llm.http;

import studio.codeact.llm.StreamHandler;

/**
 * Where a provider's stream decoder sends what it decoded: each piece goes to the caller's
 * {@link StreamHandler} and counts as a token for the time limits. Called on the call's reader thread.
 */
public final class DeltaSink {

    /** Swallows deltas; for calls whose caller only wants the final response. */
    public static final DeltaSink NONE = new DeltaSink(null, Progress.NONE);

    private final StreamHandler handler;
    private final Progress progress;

    public DeltaSink(StreamHandler handler, Progress progress) {
        this.handler = handler;
        this.progress = progress;
    }

    public void text(String delta) {
        progress.token();
        if (handler != null) {
            handler.onTextDelta(delta);
        }
    }

    public void toolCall(int index, String id, String name, String argumentsDelta) {
        progress.token();
        if (handler != null) {
            handler.onToolCallDelta(index, id, name, argumentsDelta);
        }
    }

    /** A token the caller does not see (reasoning/thinking), which still shows the model is alive. */
    public void hiddenToken() {
        progress.token();
    }

    /** The same handler, reporting to another progress. */
    public DeltaSink withProgress(Progress other) {
        return new DeltaSink(handler, other);
    }
}
