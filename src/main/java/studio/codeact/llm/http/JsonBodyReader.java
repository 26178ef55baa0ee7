package studio.codeact.llm.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import okhttp3.Response;

import java.io.IOException;
import java.util.Locale;

/**
 * Reads a whole JSON answer (a non-streaming chat reply, a model list) and hands it to a
 * provider's parser. A body that is not JSON becomes a {@link studio.codeact.llm.LlmException.MalformedResponse}
 * that quotes its start. Runs on the call's own thread.
 */
public final class JsonBodyReader<T> implements ResponseReader<T> {

    /** Turns the body text into a result; may throw an {@link studio.codeact.llm.LlmException} for an error the body reports. */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(String json) throws JsonProcessingException;
    }

    private final ErrorMapper errors;
    private final Parser<T> parser;

    public JsonBodyReader(ErrorMapper errors, Parser<T> parser) {
        this.errors = errors;
        this.parser = parser;
    }

    @Override
    public T read(Response response, Progress progress) throws IOException {
        progress.token();
        String text = response.body().string();
        String start = text.stripLeading();
        if (!start.startsWith("{") && !start.startsWith("[")) {
            String type = response.header("Content-Type", "no content type").toLowerCase(Locale.ROOT);
            throw errors.malformed("answered with something that is not JSON (" + type + ")", text, null);
        }
        try {
            return parser.parse(text);
        } catch (JsonProcessingException e) {
            throw errors.malformed("answered with JSON that could not be read (" + e.getOriginalMessage() + ")", text, e);
        }
    }
}
