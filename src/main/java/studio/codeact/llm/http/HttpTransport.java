package studio.codeact.llm.http;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import studio.codeact.llm.LlmException;
import studio.codeact.llm.ProviderConfig;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What both providers share to send a request: one OkHttp client configured from the
 * {@link ProviderConfig} (connect timeout, redacting debug log), the error mapper, the backoff,
 * and one thread per call.
 */
public final class HttpTransport {

    private static final AtomicLong CALL_IDS = new AtomicLong();

    private final ProviderConfig config;
    private final OkHttpClient client;
    private final ErrorMapper errors;
    private final Backoff backoff;

    /**
     * @param base a client whose connection pool and settings to share (see {@link HttpClients#shared()});
     *             this transport sets its own timeouts and adds its logger
     */
    public HttpTransport(ProviderConfig config, OkHttpClient base) {
        this.config = config;
        this.errors = new ErrorMapper(config);
        this.backoff = new Backoff(config.retry());
        this.client = base.newBuilder()
                .connectTimeout(config.timeouts().connect())
                .readTimeout(Duration.ZERO)      // the watchdog enforces first-token and idle limits
                .writeTimeout(Duration.ofSeconds(60))
                .callTimeout(Duration.ZERO)
                .addNetworkInterceptor(new RequestLogger(config.apiKey()))
                .build();
    }

    public ProviderConfig config() {
        return config;
    }

    public OkHttpClient client() {
        return client;
    }

    public ErrorMapper errors() {
        return errors;
    }

    Backoff backoff() {
        return backoff;
    }

    /**
     * Starts the request on a new thread of its own and returns at once.
     *
     * @param model    the model asked for (named in error messages), or {@code null} for non-chat requests
     * @param listener hears the end, once, on the call's thread
     */
    public <T> RealCall<T> start(Request request, String model, ResponseReader<T> reader, RealCall.Listener<T> listener) {
        RealCall<T> call = new RealCall<>(this, request, model, reader, listener);
        call.start("llm-" + config.provider().id() + "-call-" + CALL_IDS.incrementAndGet());
        return call;
    }

    /** Runs the request and waits for its result; an interrupt of the waiting thread cancels it. */
    public <T> T execute(Request request, String model, ResponseReader<T> reader) {
        RealCall<T> call = start(request, model, reader, new RealCall.Listener<>() {
            @Override
            public void onSuccess(T result) {
            }

            @Override
            public void onFailure(LlmException error) {
            }
        });
        try {
            return call.result().get();
        } catch (InterruptedException e) {
            call.cancel();
            Thread.currentThread().interrupt();
            throw errors.cancelled();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof LlmException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
