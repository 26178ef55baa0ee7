package studio.codeact.llm.http;

import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;
import studio.codeact.llm.Secrets;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Debug logging of model requests through {@code System.Logger} (the JDK's {@code java.util.logging}
 * unless another backend is installed), off unless the logger {@code studio.codeact.llm.http} is set
 * to {@code DEBUG} — JUL's {@code FINE} — (request line, headers, status, time) or {@code TRACE} —
 * JUL's {@code FINER} — (also request bodies). Credentials never reach the log: auth headers are
 * masked, the key is masked wherever it appears, and image data is elided.
 */
final class RequestLogger implements Interceptor {

    static final System.Logger LOG = System.getLogger("studio.codeact.llm.http");

    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "x-api-key", "api-key", "proxy-authorization", "cookie", "set-cookie");
    private static final Pattern BASE64_RUN = Pattern.compile("[A-Za-z0-9+/=]{200,}");
    private static final int MAX_BODY = 8_000;

    private final String apiKey;

    RequestLogger(String apiKey) {
        this.apiKey = apiKey;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        if (!LOG.isLoggable(System.Logger.Level.DEBUG)) {
            return chain.proceed(request);
        }
        LOG.log(System.Logger.Level.DEBUG, () -> "→ " + request.method() + " " + request.url() + "\n" + headers(request.headers()));
        if (LOG.isLoggable(System.Logger.Level.TRACE) && request.body() != null) {
            LOG.log(System.Logger.Level.TRACE, "→ body " + body(request.body()));
        }
        long started = System.nanoTime();
        Response response = chain.proceed(request);
        long millis = (System.nanoTime() - started) / 1_000_000;
        LOG.log(System.Logger.Level.DEBUG, () -> "← " + response.code() + " " + request.url() + " headers after " + millis + " ms\n" + headers(response.headers()));
        return response;
    }

    String headers(Headers headers) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < headers.size(); i++) {
            String name = headers.name(i);
            String value = SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT)) ? Secrets.MASK : redact(headers.value(i));
            out.append("  ").append(name).append(": ").append(value).append('\n');
        }
        return out.toString();
    }

    private String body(RequestBody body) {
        try {
            Buffer buffer = new Buffer();
            body.writeTo(buffer);
            String text = buffer.readUtf8();
            text = BASE64_RUN.matcher(redact(text)).replaceAll("<base64 elided>");
            return text.length() > MAX_BODY ? text.substring(0, MAX_BODY) + "… (" + text.length() + " chars)" : text;
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private String redact(String text) {
        return Secrets.redact(text, apiKey);
    }
}
