package studio.codeact.llm.http;

import okhttp3.Call;
import okhttp3.Request;
import okhttp3.Response;
import studio.codeact.llm.LlmException;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One request to a provider, run on its own thread: sends it, retries 429/5xx as the policy
 * says, enforces the first-token and idle limits, reads the answer, and ends exactly once —
 * with a result or an {@link LlmException}. {@link #cancel()} closes the connection at once.
 */
public final class RealCall<T> {

    /** Hears how the call ended. Called once, on the call's own thread. */
    public interface Listener<T> {
        void onSuccess(T result);

        void onFailure(LlmException error);
    }

    private static final System.Logger LOG = System.getLogger(RealCall.class.getName());

    private final HttpTransport transport;
    private final Request request;
    private final String model;
    private final ResponseReader<T> reader;
    private final Listener<T> listener;
    private final Watchdog watchdog;
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final CountDownLatch cancelSignal = new CountDownLatch(1);
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile boolean cancelled;
    private volatile Call current;
    private volatile boolean responseStarted;

    RealCall(HttpTransport transport, Request request, String model, ResponseReader<T> reader, Listener<T> listener) {
        this.transport = transport;
        this.request = request;
        this.model = model;
        this.reader = reader;
        this.listener = listener;
        this.watchdog = new Watchdog(transport.config().timeouts(), this::closeConnection);
    }

    void start(String threadName) {
        Thread.ofPlatform().daemon().name(threadName).start(this::run);
    }

    /** Closes the connection and ends the call with {@link LlmException.Cancelled}; returns at once. Any thread. */
    public void cancel() {
        cancelled = true;
        cancelSignal.countDown();
        closeConnection();
    }

    /** Completes after the listener heard the end: with the result, or exceptionally with the {@link LlmException}. */
    public CompletableFuture<T> result() {
        return result;
    }

    private void run() {
        T value;
        try {
            value = execute();
        } catch (LlmException e) {
            fail(e);
            return;
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.WARNING, "reading the answer from " + transport.config().baseUrl() + " failed unexpectedly", e);
            fail(new LlmException.MalformedResponse("reading the answer from " + transport.config().baseUrl()
                    + " failed unexpectedly (" + e + "); see the log", e));
            return;
        } finally {
            watchdog.disarm();
        }
        if (cancelled) {
            fail(transport.errors().cancelled());
        } else {
            succeed(value);
        }
    }

    private T execute() {
        ErrorMapper errors = transport.errors();
        Backoff backoff = transport.backoff();
        int maxRetries = transport.config().retry().maxRetries();
        for (int retry = 0; ; retry++) {
            if (cancelled) {
                throw errors.cancelled();
            }
            Call call = transport.client().newCall(request);
            current = call;
            if (cancelled) {
                call.cancel();
            }
            responseStarted = false;
            watchdog.arm();
            Duration wait;
            try (Response response = call.execute()) {
                if (response.isSuccessful()) {
                    responseStarted = true;
                    return reader.read(response, watchdog);
                }
                int status = response.code();
                ServerMessage said = ServerMessage.parse(response.peekBody(16_384).string());
                boolean retriable = ErrorMapper.retriableStatus(status) && !"insufficient_quota".equals(said.type())
                        && !"false".equals(response.header("x-should-retry"));
                if (!retriable || retry >= maxRetries) {
                    throw errors.fromStatus(status, said, model, retry);
                }
                wait = backoff.delay(retry, response.headers());
                if (backoff.tooLong(wait)) {
                    throw errors.waitTooLong(status, said, wait);
                }
                LOG.log(System.Logger.Level.DEBUG, () -> "HTTP " + status + " from " + transport.config().baseUrl() + "; retrying in " + wait.toMillis() + " ms");
            } catch (IOException e) {
                throw classify(null, e);
            } catch (LlmException e) {
                throw classify(e, null);
            } finally {
                watchdog.disarm();
            }
            pause(wait);
        }
    }

    /** Cancellation first, then an expired limit, then what actually went wrong. */
    private LlmException classify(LlmException thrown, IOException io) {
        if (cancelled) {
            return transport.errors().cancelled();
        }
        Watchdog.Stage expired = watchdog.expired();
        if (expired != null) {
            return transport.errors().timeout(expired);
        }
        return thrown != null ? thrown : transport.errors().fromIo(io, responseStarted);
    }

    private void pause(Duration wait) {
        try {
            if (cancelSignal.await(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw transport.errors().cancelled();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw transport.errors().cancelled();
        }
    }

    private void closeConnection() {
        Call call = current;
        if (call != null) {
            call.cancel();
        }
    }

    private void succeed(T value) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        try {
            listener.onSuccess(value);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "a model call's listener failed", e);
        } finally {
            result.complete(value);
        }
    }

    private void fail(LlmException error) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        try {
            listener.onFailure(error);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "a model call's listener failed", e);
        } finally {
            result.completeExceptionally(error);
        }
    }
}
