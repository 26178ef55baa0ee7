package studio.codeact.llm.http;

import okhttp3.Response;

import java.io.IOException;

/**
 * Turns a successful (2xx) response into the call's result. Called on the call's own thread;
 * reports each token to {@code progress}; throws {@link studio.codeact.llm.LlmException} for a
 * body that breaks the API's promises and {@link IOException} when the connection fails.
 */
@FunctionalInterface
public interface ResponseReader<T> {

    T read(Response response, Progress progress) throws IOException;
}
