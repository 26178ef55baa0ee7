package studio.codeact.llm.http;

import okhttp3.Request;
import studio.codeact.llm.ChatCall;
import studio.codeact.llm.ChatResponse;
import studio.codeact.llm.LlmException;
import studio.codeact.llm.StreamHandler;

import java.util.concurrent.CompletableFuture;

/** A {@link ChatCall} backed by a {@link RealCall}. */
public final class StreamingChatCall implements ChatCall {

    private final RealCall<ChatResponse> call;

    private StreamingChatCall(RealCall<ChatResponse> call) {
        this.call = call;
    }

    /**
     * Starts a streamed chat request on its own thread; {@code handler} gets the deltas and then
     * exactly one of {@code onComplete} or {@code onError}, all on that thread.
     */
    public static StreamingChatCall start(HttpTransport transport, Request request, String model, StreamDecoder decoder,
                                          StreamHandler handler) {
        DeltaSink sink = new DeltaSink(handler, Progress.NONE);
        RealCall<ChatResponse> call = transport.start(request, model, new SseChatReader(decoder, sink, transport.errors()),
                new RealCall.Listener<>() {
                    @Override
                    public void onSuccess(ChatResponse result) {
                        handler.onComplete(result);
                    }

                    @Override
                    public void onFailure(LlmException error) {
                        handler.onError(error);
                    }
                });
        return new StreamingChatCall(call);
    }

    @Override
    public void cancel() {
        call.cancel();
    }

    @Override
    public CompletableFuture<ChatResponse> response() {
        return call.result();
    }
}
