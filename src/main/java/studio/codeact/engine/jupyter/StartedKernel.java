package studio.codeact.engine.jupyter;

import com.fasterxml.jackson.databind.JsonNode;
import studio.codeact.engine.EngineException;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One launch of a kernel as the engine keeps it: what the {@link KernelLauncher} returned, the
 * start handshake, what the kernel said about itself, and why it died. A restart makes a new
 * one; messages from an old one are ignored by the engine.
 */
final class StartedKernel {

    private static final System.Logger LOG = System.getLogger(StartedKernel.class.getName());

    /** What a kernel reports. Thread: the engine's event thread. */
    interface Events {
        void onMessage(StartedKernel kernel, Channel channel, JupyterMessage message);

        /** The kernel can no longer be reached though it may live: it is to be killed. */
        void onLost(StartedKernel kernel, String reason);

        /** The kernel is gone; everything it sent before was delivered first. */
        void onExit(StartedKernel kernel);
    }

    private final MessageFactory messages;
    private final CompletableFuture<Void> exited = new CompletableFuture<>();
    private volatile LaunchedKernel launched;
    private volatile ReadyHandshake handshake;
    private volatile JsonNode kernelInfo;
    private volatile double startMillis;
    private volatile boolean stopping;
    private volatile String deathReason;

    private StartedKernel(MessageFactory messages) {
        this.messages = messages;
    }

    /**
     * Starts a kernel and waits until it is ready (kernel_info answered on shell and seen on iopub).
     *
     * @throws EngineException when it ends first or stays silent past {@code readyTimeout}; nothing is left running
     */
    static StartedKernel launch(KernelLauncher launcher, MessageFactory messages, Executor events, ScheduledExecutorService timer,
                                Events listener, Duration readyTimeout) {
        long started = System.nanoTime();
        StartedKernel kernel = new StartedKernel(messages);
        kernel.launched = launcher.launch(kernel.relay(events, listener));
        try {
            kernel.handshake = new ReadyHandshake(kernel.transport(), messages, events, timer);
            kernel.handshake.begin();
            kernel.awaitReady(readyTimeout);
            kernel.startMillis = (System.nanoTime() - started) / 1e6;
            LOG.log(System.Logger.Level.DEBUG, () -> String.format(Locale.ROOT, "kernel ready in %.0f ms (%d kernel_info requests)",
                    kernel.startMillis, kernel.handshake.requestsSent()));
            events.execute(kernel.launched::ready);
            return kernel;
        } catch (RuntimeException e) {
            kernel.stop(Duration.ZERO);
            throw e instanceof EngineException engine ? engine : new EngineException("could not connect to the kernel: " + e.getMessage(), e);
        }
    }

    /** The events a launcher sees: each call is queued onto the event thread and told to {@code listener} there. */
    private KernelEvents relay(Executor events, Events listener) {
        IopubBacklog backlog = new IopubBacklog();
        return new KernelEvents() {
            @Override
            public void onMessage(Channel channel, JupyterMessage message, long wireBytes) {
                if (channel != Channel.IOPUB) {
                    post(events, () -> listener.onMessage(StartedKernel.this, channel, message));
                    return;
                }
                backlog.add(wireBytes);
                boolean posted = post(events, () -> {
                    try {
                        listener.onMessage(StartedKernel.this, channel, message);
                    } finally {
                        backlog.release(wireBytes);
                    }
                });
                if (!posted) {
                    backlog.release(wireBytes);
                }
            }

            @Override
            public IopubBacklog iopubBacklog() {
                return backlog;
            }

            @Override
            public void onLost(String reason) {
                post(events, () -> listener.onLost(StartedKernel.this, reason));
            }

            @Override
            public void onExit() {
                post(events, () -> {
                    if (exited.complete(null)) {
                        listener.onExit(StartedKernel.this);
                    }
                });
            }
        };
    }

    /** Queues {@code task} onto the event thread; false when the engine is closed and it was dropped. */
    private static boolean post(Executor events, Runnable task) {
        try {
            events.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            LOG.log(System.Logger.Level.DEBUG, "the engine is closed; a kernel event was dropped");
            return false;
        }
    }

    private void awaitReady(Duration limit) {
        CompletableFuture<JupyterMessage> ready = handshake.ready();
        try {
            CompletableFuture.anyOf(ready, exited).get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new EngineException("the kernel did not answer within " + limit.toSeconds() + " s; " + launched.describeLog());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while waiting for the kernel to start", e);
        } catch (ExecutionException e) {
            throw new EngineException("the kernel did not start: " + e.getCause().getMessage(), e);
        }
        if (!ready.isDone() || ready.isCompletedExceptionally()) {
            throw new EngineException("the kernel " + launched.describeExit() + " before it was ready; " + launched.describeLog());
        }
        kernelInfo = ready.join().content();
    }

    KernelTransport transport() {
        return launched.transport();
    }

    LaunchedKernel launched() {
        return launched;
    }

    MessageFactory messages() {
        return messages;
    }

    /** Lets the start handshake take messages about its kernel_info requests. */
    boolean offerToHandshake(Channel channel, JupyterMessage message) {
        ReadyHandshake current = handshake;
        return current != null && current.offer(channel, message);
    }

    /** The {@code kernel_info_reply} content. */
    JsonNode kernelInfo() {
        return kernelInfo;
    }

    double startMillis() {
        return startMillis;
    }

    /** Facts for {@code EngineInfo.details()}: the launcher's, then what the kernel said about itself. */
    Map<String, String> details() {
        Map<String, String> details = new LinkedHashMap<>(launched.details());
        details.put("implementation", kernelInfo.path("implementation").asText() + " " + kernelInfo.path("implementation_version").asText());
        details.put("protocol_version", kernelInfo.path("protocol_version").asText());
        return details;
    }

    void interrupt() {
        launched.interrupt();
    }

    boolean isAlive() {
        return launched.isAlive();
    }

    /** True once the engine stopped this kernel on purpose: its exit is not a death. */
    boolean stopping() {
        return stopping;
    }

    void setDeathReason(String reason) {
        deathReason = reason;
    }

    /** Why the kernel died, as a sentence. */
    String deathReason() {
        return deathReason != null ? deathReason : "the kernel " + launched.describeExit();
    }

    /**
     * Stops the kernel on purpose (its exit is then no death): up to {@code grace} to shut down
     * by itself, then forced. Blocks; never call it on the event thread with a grace.
     */
    void stop(Duration grace) {
        stopping = true;
        launched.stop(grace);
    }

    /** Frees what is left of a kernel that has exited. Blocks. */
    void release() {
        launched.stop(Duration.ZERO);
    }

    /** Forces a lost kernel down; its exit follows. Blocks. */
    void kill() {
        launched.kill();
    }
}
