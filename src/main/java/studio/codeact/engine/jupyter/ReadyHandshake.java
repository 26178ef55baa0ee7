package studio.codeact.engine.jupyter;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Waits until a fresh kernel answers on shell AND its iopub broadcasts reach us.
 *
 * <p>An iopub SUB socket misses whatever the kernel published before the subscription reached
 * it (the late joiner; other transports may lose early broadcasts too), so a {@code kernel_info_request} is repeated until an iopub message
 * about one of them arrives: 100 ms after a reply that came without one, and every second
 * while nothing answers at all. Ready = a {@code kernel_info_reply} plus an iopub message whose
 * parent is one of our requests.
 *
 * <p>Thread: {@link #offer} runs on the engine's event thread; resends are scheduled on the
 * timer and run on the event thread too.
 */
final class ReadyHandshake {

    /** While nothing answers: a cold kernel binds its sockets after ≈0.5 s, so a request a second is enough. */
    private static final long SILENT_RETRY_MILLIS = 1000;
    /** After a reply without an iopub message: the subscription is late, and it joins within milliseconds. */
    private static final long LATE_IOPUB_RETRY_MILLIS = 100;

    private final KernelTransport transport;
    private final MessageFactory messages;
    private final Executor events;
    private final ScheduledExecutorService timer;
    private final Set<String> requests = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<JupyterMessage> ready = new CompletableFuture<>();
    private JupyterMessage reply;
    private boolean iopubSeen;
    private int sent;

    ReadyHandshake(KernelTransport transport, MessageFactory messages, Executor events, ScheduledExecutorService timer) {
        this.transport = transport;
        this.messages = messages;
        this.events = events;
        this.timer = timer;
    }

    /** Sends the first request (from the event thread). */
    void begin() {
        events.execute(() -> {
            request();
            retryLater(SILENT_RETRY_MILLIS, false);
        });
    }

    /** Completes with the {@code kernel_info_reply} once the kernel is ready. */
    CompletableFuture<JupyterMessage> ready() {
        return ready;
    }

    int requestsSent() {
        return sent;
    }

    /** Takes a message about one of our requests (also late ones after ready); false for anything else. */
    boolean offer(Channel channel, JupyterMessage message) {
        if (!requests.contains(message.parentMsgId())) {
            return false;
        }
        if (ready.isDone()) {
            return true;
        }
        if (channel == Channel.SHELL && "kernel_info_reply".equals(message.msgType())) {
            if (reply == null && !iopubSeen) {
                retryLater(LATE_IOPUB_RETRY_MILLIS, true);
            }
            reply = message;
        } else if (channel == Channel.IOPUB) {
            iopubSeen = true;
        }
        if (reply != null && iopubSeen) {
            ready.complete(reply);
        }
        return true;
    }

    private void request() {
        JupyterMessage message = messages.kernelInfo();
        requests.add(message.msgId()); // before sending: the reply must find its id
        transport.send(Channel.SHELL, message);
        sent++;
    }

    private void retryLater(long millis, boolean afterReply) {
        if (ready.isDone() || timer.isShutdown()) {
            return;
        }
        try {
            timer.schedule(() -> events.execute(() -> {
                if (ready.isDone() || (afterReply ? iopubSeen : reply != null)) {
                    return;
                }
                request();
                retryLater(millis, afterReply);
            }), millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            ready.completeExceptionally(e); // the engine is closing
        }
    }
}
