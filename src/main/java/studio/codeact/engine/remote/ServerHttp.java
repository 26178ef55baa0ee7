package studio.codeact.engine.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import studio.codeact.engine.JupyterServerConfig;
import studio.codeact.engine.JupyterServerException;
import studio.codeact.engine.JupyterServerException.Problem;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The HTTP side of one Jupyter server: an OkHttp client that sends the token in the
 * {@code Authorization: token …} header (never in a URL, never logged), trusts the system's
 * certificate authorities plus an optional CA file, retries a server that does not answer, and
 * maps failures once into {@link JupyterServerException}s whose messages say what to do.
 * Thread-safe.
 */
final class ServerHttp {

    static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    /** Connection attempts before the server counts as unreachable, and the wait before each retry. */
    static final int ATTEMPTS = 3;
    static final Duration FIRST_RETRY = Duration.ofMillis(500);
    /** WebSocket pings: OkHttp fails a socket whose ping is not answered before the next, so a dead link shows within 2 × this (10 s). */
    static final Duration PING_INTERVAL = Duration.ofSeconds(5);
    /** The most a TLS handshake may take (a server without TLS never answers one). */
    static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    /** The most the plain-HTTP probe after a failed {@code https} request may take. */
    private static final int PROBE_MILLIS = 2000;

    private final JupyterServerConfig config;
    private final HttpUrl base;
    private final OkHttpClient client;
    private final ObjectMapper json = new ObjectMapper();

    ServerHttp(JupyterServerConfig config) {
        this.config = config;
        HttpUrl parsed = HttpUrl.parse(config.url().toString());
        if (parsed == null) {
            throw new IllegalArgumentException("'" + config.url() + "' is not an http(s) URL");
        }
        this.base = parsed;
        String token = config.token();
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(60))
                .writeTimeout(Duration.ofSeconds(60))
                .pingInterval(PING_INTERVAL)
                .retryOnConnectionFailure(true)
                .socketFactory(new QuickAckSockets()) // without it every cell waits ~40 ms for a delayed ACK
                .addInterceptor(chain -> token.isEmpty() ? chain.proceed(chain.request())
                        : chain.proceed(chain.request().newBuilder().header("Authorization", "token " + token).build()));
        Trust trust = config.caFile().map(Trust::withExtraAuthorities).orElseGet(Trust::system);
        builder.sslSocketFactory(new HandshakeTimeoutSockets(trust.sslContext().getSocketFactory(), HANDSHAKE_TIMEOUT), trust.trustManager());
        this.client = builder.build();
    }

    JupyterServerConfig config() {
        return config;
    }

    OkHttpClient client() {
        return client;
    }

    ObjectMapper json() {
        return json;
    }

    /** {@code base/segment/segment…}, each segment encoded (a path given as "a/b" is split on '/'). */
    HttpUrl url(String... segments) {
        HttpUrl.Builder builder = base.newBuilder();
        for (String segment : segments) {
            for (String part : segment.split("/")) {
                if (!part.isEmpty()) {
                    builder.addPathSegment(part);
                }
            }
        }
        return builder.build();
    }

    /** The server's URL as messages name it. */
    String describe() {
        return config.url().toString();
    }

    JsonNode get(HttpUrl url, String what) {
        return call(new Request.Builder().url(url).get().build(), what, true);
    }

    JsonNode post(HttpUrl url, JsonNode body, String what) {
        return call(new Request.Builder().url(url).post(body(body)).build(), what, false);
    }

    JsonNode put(HttpUrl url, JsonNode body, String what) {
        return call(new Request.Builder().url(url).put(body(body)).build(), what, true);
    }

    JsonNode delete(HttpUrl url, String what) {
        return call(new Request.Builder().url(url).delete().build(), what, true);
    }

    RequestBody body(JsonNode body) {
        try {
            return RequestBody.create(json.writeValueAsBytes(body), JSON);
        } catch (IOException e) {
            throw new IllegalArgumentException("could not encode a request body", e);
        }
    }

    /**
     * Sends a request; retries up to {@link #ATTEMPTS} times when the server does not answer (any
     * I/O failure when {@code idempotent}, else only a refused connection, where nothing was sent).
     * An empty body reads as JSON null.
     */
    JsonNode call(Request request, String what, boolean idempotent) {
        IOException last = null;
        Duration wait = FIRST_RETRY;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try (Response response = client.newCall(request).execute()) {
                return read(response, what);
            } catch (SSLException e) {
                throw tlsFailure(e);
            } catch (IOException e) {
                last = e;
                plainHttpInstead(e);
                boolean nothingSent = e instanceof ConnectException || e instanceof UnknownHostException || e instanceof NoRouteToHostException;
                if (!idempotent && !nothingSent) {
                    break;
                }
                if (attempt < ATTEMPTS) {
                    LockSupport.parkNanos(wait.toNanos());
                    wait = wait.multipliedBy(2);
                }
            }
        }
        throw unreachable(last);
    }

    /** Reads a successful response's body as a stream. Thread: the calling thread. */
    @FunctionalInterface
    interface BodyReader {
        void read(java.io.InputStream body) throws IOException;
    }

    /**
     * GETs {@code url} and hands the body of a successful answer to {@code reader} as it arrives
     * (downloads too large to hold); an I/O failure is retried like {@link #get}, from the start.
     */
    void stream(HttpUrl url, String what, BodyReader reader) {
        IOException last = null;
        Duration wait = FIRST_RETRY;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try (Response response = client.newCall(new Request.Builder().url(url).get().build()).execute()) {
                if (!response.isSuccessful()) {
                    throw failure(response.code(), response.body().string(), what);
                }
                reader.read(response.body().byteStream());
                return;
            } catch (SSLException e) {
                throw tlsFailure(e);
            } catch (IOException e) {
                last = e;
                plainHttpInstead(e);
                if (attempt < ATTEMPTS) {
                    LockSupport.parkNanos(wait.toNanos());
                    wait = wait.multipliedBy(2);
                }
            }
        }
        throw unreachable(last);
    }

    JupyterServerException unreachable(IOException cause) {
        String detail = cause == null ? "" : " (" + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()) + ")";
        return new JupyterServerException(Problem.UNREACHABLE, "the Jupyter server at " + describe() + " is unreachable" + detail
                + " after " + ATTEMPTS + " attempts; check the URL, that the server runs, and the network", cause);
    }

    /**
     * TLS failed: no retry helps. A certificate this machine does not trust (a private CA, a name
     * it does not carry) gets the CA-file advice; anything else is most often a URL that says
     * {@code https} to a server without TLS.
     */
    JupyterServerException tlsFailure(SSLException cause) {
        String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        boolean certificate = cause instanceof SSLPeerUnverifiedException;
        for (Throwable t = cause; t != null && !certificate; t = t.getCause()) {
            certificate = t instanceof CertificateException;
        }
        String advice = certificate
                ? "presented a TLS certificate this machine does not trust (" + detail + "); if a private CA signed it, give that CA's"
                  + " PEM file with --jupyter-ca-file FILE (Settings → Python engine → Jupyter server → CA file), and use the host name"
                  + " the certificate names"
                : "could not be reached over TLS (" + detail + "); check the URL's scheme: https:// for a server with a certificate,"
                  + " http:// for one without";
        return new JupyterServerException(Problem.UNTRUSTED, "the Jupyter server at " + describe() + " " + advice, cause);
    }

    /**
     * After an {@code https} request failed without a TLS error (a server without TLS lets the
     * handshake time out): when the server answers plain HTTP, says so at once instead of retrying.
     */
    private void plainHttpInstead(IOException failure) {
        if (!base.isHttps() || failure instanceof ConnectException || failure instanceof UnknownHostException) {
            return;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(base.host(), base.port()), PROBE_MILLIS);
            socket.setSoTimeout(PROBE_MILLIS);
            socket.getOutputStream().write(("GET /api/status HTTP/1.0\r\nHost: " + base.host() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] start = socket.getInputStream().readNBytes(5);
            if (!new String(start, StandardCharsets.US_ASCII).equals("HTTP/")) {
                return;
            }
        } catch (IOException probeFailed) {
            return; // not plain HTTP either: the retries and their message stand
        }
        throw new JupyterServerException(Problem.UNTRUSTED, "the Jupyter server at " + describe() + " speaks plain HTTP, not TLS;"
                + " use " + describe().replaceFirst("^https:", "http:") + " as its URL", failure);
    }

    private JsonNode read(Response response, String what) throws IOException {
        ResponseBody body = response.body();
        String text = body.string();
        int code = response.code();
        if (response.isSuccessful()) {
            return text.isBlank() ? json.nullNode() : json.readTree(text);
        }
        throw failure(code, text, what);
    }

    /** The exception for an HTTP error status; the server's own {@code message} is quoted when it sent one. */
    JupyterServerException failure(int code, String body, String what) {
        String serverSays = "";
        try {
            JsonNode error = json.readTree(body);
            serverSays = error.path("message").asText(error.path("reason").asText(""));
        } catch (IOException | RuntimeException notJson) {
            // an HTML error page: the status says enough
        }
        String quoted = serverSays.isBlank() ? "" : ": " + serverSays;
        return switch (code) {
            case 401, 403 -> new JupyterServerException(Problem.UNAUTHORIZED, "the Jupyter server at " + describe()
                    + " refused the token (HTTP " + code + ")" + "; set the right one with --jupyter-token-env VAR, JUPYTER_TOKEN"
                    + " or Settings → Python engine → Jupyter server");
            case 404 -> new JupyterServerException(Problem.NOT_FOUND, "the Jupyter server at " + describe() + " could not " + what
                    + ": it is not there (HTTP 404" + quoted + ")");
            default -> new JupyterServerException(Problem.REFUSED, "the Jupyter server at " + describe() + " could not " + what
                    + " (HTTP " + code + quoted + ")");
        };
    }
}
