package studio.codeact.llm.http;

import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import studio.codeact.llm.ChatResponse;

import java.io.IOException;
import java.util.Locale;

/**
 * Reads a streamed chat answer: server-sent events handed one by one to the provider's
 * {@link StreamDecoder} until its end marker. A body that starts as JSON (a server that does not
 * stream) is decoded whole, whatever its content type says; a web page or anything else that is
 * not an event stream is a clear error.
 * Runs on the call's own thread.
 */
public final class SseChatReader implements ResponseReader<ChatResponse> {

    private final StreamDecoder decoder;
    private final DeltaSink sink;
    private final ErrorMapper errors;

    public SseChatReader(StreamDecoder decoder, DeltaSink sink, ErrorMapper errors) {
        this.decoder = decoder;
        this.sink = sink;
        this.errors = errors;
    }

    @Override
    public ChatResponse read(Response response, Progress progress) throws IOException {
        DeltaSink out = sink.withProgress(progress);
        ResponseBody body = response.body();
        String contentType = response.header("Content-Type", "").toLowerCase(Locale.ROOT);
        BufferedSource source = body.source();
        int first = firstNonBlank(source);
        if (first == '{' || first == '[') {
            return decoder.onWholeBody(source.readUtf8(), out);
        }
        if (first == '<') {
            throw errors.malformed("answered with a web page instead of an event stream", source.readUtf8(), null);
        }
        SseReader events = new SseReader(source);
        int count = 0;
        for (SseEvent event = events.next(); event != null; event = events.next()) {
            count++;
            if (decoder.onEvent(event, out)) {
                return decoder.finish(true);
            }
        }
        if (count == 0 && events.sawAnyLine()) {
            throw errors.malformed("answered with something that is not an event stream (" + describe(contentType) + ")",
                    events.firstLine(), null);
        }
        return decoder.finish(false);
    }

    /** The first byte that is not whitespace, without consuming anything; -1 for an empty body. */
    private static int firstNonBlank(BufferedSource source) throws IOException {
        BufferedSource peek = source.peek();
        while (peek.request(1)) {
            byte b = peek.readByte();
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return b;
            }
        }
        return -1;
    }

    private static String describe(String contentType) {
        return contentType.isEmpty() ? "no content type" : contentType;
    }
}
