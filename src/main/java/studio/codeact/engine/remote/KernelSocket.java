package studio.codeact.engine.remote;

import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;
import studio.codeact.engine.JupyterServerException;
import studio.codeact.engine.JupyterServerException.Problem;
import studio.codeact.engine.jupyter.JupyterMessage;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One kernel's channels WebSocket ({@code /api/kernels/{id}/channels?session_id=…}), in the
 * format the server agrees to. A link that drops is opened again with the same
 * {@code session_id}: the server keeps what the kernel sent meanwhile and replays it, so a
 * running cell's outputs still arrive. Pings every {@link ServerHttp#PING_INTERVAL} notice a
 * dead link (one whose peer stopped answering) within twice that. Messages sent while the link
 * is down wait and go out, in order, once it is back.
 *
 * <p>Threads: OkHttp reads on a thread of its own; everything reaches the {@link Listener} on
 * the delivery executor, in arrival order. Reconnect attempts run on a thread of their own. {@link #send}
 * and {@link #close} are safe from any thread.
 */
public final class KernelSocket implements AutoCloseable {

    /** Which formats to offer the server. */
    public enum Offer {
        /** The binary v1 subprotocol (the server may still pick legacy JSON). */
        V1,
        /** Only legacy JSON. */
        LEGACY
    }

    /** What the link reports. Thread: the delivery executor. */
    public interface Listener {
        /** A message on {@code channel}, {@code wireBytes} long in its frame. */
        void onMessage(String channel, JupyterMessage message, long wireBytes);

        /**
         * Called on OkHttp's reader thread after each message was handed on, outside the socket's
         * lock: it may wait briefly for the consumer to catch up. While it waits nothing more is
         * read, so what the server sends meanwhile waits in TCP and on the server (back-pressure).
         * It must return well within {@link ServerHttp#PING_INTERVAL}: pongs are read on that thread too.
         */
        default void paceReading() {
        }

        /** The link dropped; the socket is trying to open it again. */
        default void onReconnecting(String reason) {
        }

        /** The link is back; messages the kernel sent meanwhile follow. */
        default void onReconnected() {
        }

        /**
         * The link is gone for good: the kernel no longer exists on the server
         * ({@code kernelGone}) or the server could not be reached within the retries.
         */
        void onLost(String reason, boolean kernelGone);
    }

    /** Reconnect waits: 0.25 s doubling to 4 s, at most this many attempts (≈ 30 s in all). */
    static final int RECONNECT_ATTEMPTS = 10;
    static final Duration OPEN_TIMEOUT = Duration.ofSeconds(30);
    /**
     * How often the kernel's status is asked for: a server that deletes or culls a kernel keeps
     * its WebSocket open and silent, so only the REST status tells.
     */
    static final Duration STATUS_INTERVAL = Duration.ofSeconds(3);

    private final ServerHttp http;
    private final ServerApi api;
    private final String kernelId;
    private final String sessionId;
    private final Offer offer;
    private final Executor delivery;
    private final Listener listener;
    private final Object lock = new Object();

    // guarded by lock
    private WebSocket socket;
    private int generation;
    private boolean open;
    private boolean closed;
    private final Queue<WireFormat.Frame> waiting = new ArrayDeque<>();
    private volatile WireFormat format = new LegacyJsonWire();
    private volatile int reconnects;
    private final java.util.concurrent.ScheduledExecutorService watch = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
            runnable -> Thread.ofPlatform().daemon().name("codeact-remote-watch").unstarted(runnable));

    private KernelSocket(ServerApi api, String kernelId, String sessionId, Offer offer, Executor delivery, Listener listener) {
        this.http = api.http();
        this.api = api;
        this.kernelId = kernelId;
        this.sessionId = sessionId;
        this.offer = offer;
        this.delivery = delivery;
        this.listener = listener;
    }

    /**
     * Opens the channels of kernel {@code kernelId} and waits until the server accepted them.
     *
     * @throws JupyterServerException when the server refuses (token, no such kernel) or cannot be reached
     */
    public static KernelSocket open(ServerApi api, String kernelId, String sessionId, Offer offer, Executor delivery,
                                    Listener listener) {
        KernelSocket socket = new KernelSocket(api, kernelId, sessionId, offer, delivery, listener);
        try {
            socket.connect().get(OPEN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            socket.close();
            throw e.getCause() instanceof JupyterServerException server ? server
                    : new JupyterServerException(Problem.UNREACHABLE, "could not open the kernel's WebSocket: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            socket.close();
            throw new JupyterServerException(Problem.UNREACHABLE, "the Jupyter server at " + http(api) + " did not open the kernel's WebSocket within "
                    + OPEN_TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            socket.close();
            throw new JupyterServerException(Problem.UNREACHABLE, "interrupted while opening the kernel's WebSocket", e);
        }
        socket.watch.scheduleWithFixedDelay(socket::checkKernel, STATUS_INTERVAL.toMillis(), STATUS_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        return socket;
    }

    private static String http(ServerApi api) {
        return api.http().describe();
    }

    /** The format the server agreed to. */
    public WireFormat format() {
        return format;
    }

    /** {@code v1} or {@code legacy JSON}. */
    public String formatName() {
        return format.name();
    }

    /** How often the link was opened again after a drop. */
    public int reconnects() {
        return reconnects;
    }

    /** Sends {@code message} on {@code channel} now, or once the link is back. */
    public void send(String channel, JupyterMessage message) {
        WireFormat.Frame frame = format.encode(channel, message);
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (!open || !waiting.isEmpty()) {
                waiting.add(frame);
                return;
            }
            write(socket, frame);
        }
    }

    /**
     * Hands messages made on this side (the ends of cells cut by a drop, see {@link LostReplies}) to
     * {@code sink} in the socket's delivery order, so that they never overtake what the server sent.
     */
    void deliverLocally(java.util.List<java.util.Map.Entry<studio.codeact.engine.jupyter.Channel, JupyterMessage>> messages,
                        java.util.function.BiConsumer<studio.codeact.engine.jupyter.Channel, JupyterMessage> sink) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            messages.forEach(entry -> sink.accept(entry.getKey(), entry.getValue()));
        }
    }

    /** Drops the link as a network fault would (the server keeps the kernel and buffers its messages). For tests and fault drills. */
    void dropLink() {
        synchronized (lock) {
            if (socket != null) {
                socket.cancel();
            }
        }
    }

    private static void write(WebSocket socket, WireFormat.Frame frame) {
        switch (frame) {
            case WireFormat.Frame.Text(String text) -> socket.send(text);
            case WireFormat.Frame.Binary(ByteString bytes) -> socket.send(bytes);
        }
    }

    /** Opens a new link; the future completes when the server accepted it. */
    private CompletableFuture<Void> connect() {
        CompletableFuture<Void> opened = new CompletableFuture<>();
        HttpUrl url = http.url("api", "kernels", kernelId, "channels").newBuilder().addQueryParameter("session_id", sessionId).build();
        Request.Builder request = new Request.Builder().url(url);
        if (offer == Offer.V1) {
            request.header("Sec-WebSocket-Protocol", WireFormat.V1_PROTOCOL);
        }
        synchronized (lock) {
            if (closed) {
                opened.completeExceptionally(new JupyterServerException(Problem.UNREACHABLE, "the kernel's WebSocket was closed"));
                return opened;
            }
            int mine = ++generation;
            socket = http.client().newWebSocket(request.build(), new Link(mine, opened));
        }
        return opened;
    }

    /** Events of one link; those of a link that was replaced are ignored. */
    private final class Link extends WebSocketListener {
        private final int mine;
        private final CompletableFuture<Void> opened;

        Link(int mine, CompletableFuture<Void> opened) {
            this.mine = mine;
            this.opened = opened;
        }

        private boolean current() {
            synchronized (lock) {
                return mine == generation && !closed;
            }
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            format = WireFormat.forProtocol(response.header("Sec-WebSocket-Protocol"));
            synchronized (lock) {
                if (mine != generation || closed) {
                    webSocket.cancel();
                    return;
                }
                open = true;
                WireFormat.Frame frame;
                while ((frame = waiting.poll()) != null) {
                    write(webSocket, frame);
                }
            }
            opened.complete(null);
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            receive(new WireFormat.Frame.Text(text));
        }

        @Override
        public void onMessage(WebSocket webSocket, ByteString bytes) {
            receive(new WireFormat.Frame.Binary(bytes));
        }

        private void receive(WireFormat.Frame frame) {
            if (!current()) {
                return;
            }
            try {
                WireFormat.Received received = format.decode(frame);
                long wireBytes = frame.size();
                synchronized (lock) { // one deliverer at a time, also against deliverLocally
                    if (mine == generation && !closed) {
                        deliver(() -> listener.onMessage(received.channel(), received.message(), wireBytes));
                    }
                }
                listener.paceReading();
            } catch (InvalidFrameException e) {
                System.getLogger(KernelSocket.class.getName()).log(System.Logger.Level.WARNING, "dropped " + e.getMessage());
            }
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            webSocket.close(1000, null);
            dropped("the server closed the kernel's WebSocket (" + code + (reason.isBlank() ? "" : " " + reason) + ")");
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable error, Response response) {
            if (!opened.isDone()) {
                opened.completeExceptionally(refusal(error, response));
                return;
            }
            dropped("the kernel's WebSocket failed (" + (error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage()) + ")");
        }

        private void dropped(String reason) {
            synchronized (lock) {
                if (mine != generation || closed) {
                    return;
                }
                open = false;
            }
            deliver(() -> listener.onReconnecting(reason));
            reconnect(reason);
        }
    }

    private JupyterServerException refusal(Throwable error, Response response) {
        if (response != null && response.code() >= 400) {
            String body = "";
            try {
                body = response.body().string();
            } catch (java.io.IOException | RuntimeException ignored) {
                // the status is enough
            }
            return http.failure(response.code(), body, "open the channels of kernel " + kernelId);
        }
        return http.unreachable(error instanceof java.io.IOException io ? io : new java.io.IOException(error));
    }

    /**
     * Opens a new link on a thread of its own ({@code codeact-remote-reconnect}): is the kernel
     * still there (a 404 means it was shut down or culled)? Then a new WebSocket with the same
     * session. Waits 0.25 s doubling to 4 s between attempts; after {@link #RECONNECT_ATTEMPTS}
     * the server counts as unreachable.
     */
    private void reconnect(String firstReason) {
        Thread.ofPlatform().daemon().name("codeact-remote-reconnect").start(() -> {
            Duration wait = Duration.ofMillis(250);
            String last = firstReason;
            for (int attempt = 1; attempt <= RECONNECT_ATTEMPTS; attempt++) {
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
                wait = wait.multipliedBy(2).compareTo(Duration.ofSeconds(4)) > 0 ? Duration.ofSeconds(4) : wait.multipliedBy(2);
                synchronized (lock) {
                    if (closed) {
                        return;
                    }
                }
                try {
                    api.kernel(kernelId);
                    connect().get(OPEN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    reconnects++;
                    deliver(listener::onReconnected);
                    return;
                } catch (JupyterServerException e) {
                    if (e.problem() == Problem.NOT_FOUND) {
                        lose(gone(), true);
                        return;
                    }
                    if (e.isSettingsProblem()) {
                        lose(e.getMessage(), false);
                        return;
                    }
                    last = e.getMessage();
                } catch (ExecutionException | TimeoutException e) {
                    Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                    if (cause instanceof JupyterServerException server && server.problem() == Problem.NOT_FOUND) {
                        lose(gone(), true);
                        return;
                    }
                    last = String.valueOf(cause.getMessage());
                } catch (InterruptedException e) {
                    return;
                }
            }
            lose("the Jupyter server at " + http.describe() + " is unreachable: " + firstReason + ", and " + RECONNECT_ATTEMPTS
                    + " attempts to reconnect failed (last: " + last + ")", false);
        });
    }

    /** Watch thread: reports the kernel lost when the server no longer has it or says it is dead. */
    private void checkKernel() {
        synchronized (lock) {
            if (closed || !open) {
                return; // a reconnect in progress asks itself
            }
        }
        try {
            if ("dead".equals(api.kernel(kernelId).executionState())) {
                lose("the kernel " + kernelId + " died on the Jupyter server at " + http.describe(), true);
            }
        } catch (JupyterServerException e) {
            if (e.problem() == Problem.NOT_FOUND) {
                lose(gone(), true);
            }
            // unreachable: the WebSocket's pings notice and reconnect
        } catch (RuntimeException e) {
            System.getLogger(KernelSocket.class.getName()).log(System.Logger.Level.DEBUG, "kernel status check failed", e);
        }
    }

    private String gone() {
        return "the kernel " + kernelId + " no longer exists on the Jupyter server at " + http.describe() + " (it was shut down or culled)";
    }

    private void lose(String reason, boolean kernelGone) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            waiting.clear();
            if (socket != null) {
                socket.cancel();
            }
        }
        watch.shutdown();
        deliver(() -> listener.onLost(reason, kernelGone));
    }

    private void deliver(Runnable task) {
        try {
            delivery.execute(task);
        } catch (RejectedExecutionException e) {
            // the engine is closing
        }
    }

    /** Closes the link (the kernel keeps running: shut it down with {@link ServerApi#shutdown}). Idempotent. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            waiting.clear();
            if (socket != null) {
                socket.close(1000, "client closing");
            }
        }
        watch.shutdownNow();
    }
}
