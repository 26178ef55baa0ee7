package studio.codeact.engine.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import studio.codeact.engine.EngineConfig;
import studio.codeact.engine.EngineException;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * One launch of a kernel: its process ({@link KernelManager}), its client, and what it said
 * about itself. A restart makes a new one; messages from an old one are ignored by the engine.
 */
final class RunningKernel {

    private static final Logger LOG = Logger.getLogger(RunningKernel.class.getName());

    /** Heartbeat: a ping every 0.5 s; 3 unanswered in a row (1.5–2 s of silence) count as death. */
    static final Duration HEARTBEAT_INTERVAL = Duration.ofMillis(500);
    static final int HEARTBEAT_MISSES = 3;

    /** What a kernel reports. Thread: the engine's event thread. */
    interface Events {
        void onMessage(RunningKernel kernel, Channel channel, JupyterMessage message);

        /** The kernel can no longer be reached though its process may live: it is to be killed. */
        void onLost(RunningKernel kernel, String reason);

        /** The process exited; everything it sent before was delivered first. */
        void onExit(RunningKernel kernel);
    }

    final KernelManager manager;
    final Optional<KernelSpec> spec;
    private volatile KernelClient client;
    private volatile ReadyHandshake handshake;
    private volatile JsonNode kernelInfo;
    private volatile double startMillis;
    private volatile boolean stopping;
    private volatile String deathReason;

    private RunningKernel(KernelManager manager, Optional<KernelSpec> spec) {
        this.manager = manager;
        this.spec = spec;
    }

    /**
     * Starts a kernel and waits until it is ready (kernel_info answered on shell and seen on iopub).
     *
     * @throws EngineException when it exits first or stays silent past {@code readyTimeout}; nothing is left running
     */
    static RunningKernel launch(EngineConfig config, Optional<KernelSpec> spec, Executor events, ScheduledExecutorService timer,
                                Events listener, Duration readyTimeout) {
        long started = System.nanoTime();
        RunningKernel kernel = new RunningKernel(new KernelManager(config, spec), spec);
        ConnectionInfo info = ConnectionInfo.allocate();
        kernel.manager.start(info); // the process boots while the JVM side opens its sockets
        long spawned = System.nanoTime();
        try {
            kernel.client = KernelClient.connect(info, events, new KernelClient.Handler() {
                @Override
                public void onMessage(Channel channel, JupyterMessage message) {
                    listener.onMessage(kernel, channel, message);
                }

                @Override
                public void onHeartbeatLost(int missed) {
                    listener.onLost(kernel, "the kernel stopped answering heartbeats (" + missed + " in a row)");
                }

                @Override
                public void onFailure(Throwable error) {
                    listener.onLost(kernel, "the connection to the kernel failed (" + error + ")");
                }
            });
            kernel.manager.onExit().thenRun(() -> kernel.client.flush(() -> listener.onExit(kernel)));
            kernel.handshake = new ReadyHandshake(kernel.client, events, timer);
            long connected = System.nanoTime();
            kernel.handshake.begin();
            kernel.awaitReady(readyTimeout);
            kernel.startMillis = (System.nanoTime() - started) / 1e6;
            LOG.fine(() -> String.format(Locale.ROOT, "kernel %d ready in %.0f ms (spawned after %.0f ms, sockets open after %.0f ms, %d kernel_info requests)",
                    kernel.manager.pid(), kernel.startMillis, (spawned - started) / 1e6, (connected - started) / 1e6, kernel.handshake.requestsSent()));
            kernel.client.startHeartbeat(HEARTBEAT_INTERVAL, HEARTBEAT_MISSES);
            return kernel;
        } catch (IOException | RuntimeException e) {
            kernel.stop(Duration.ZERO);
            throw e instanceof EngineException engine ? engine : new EngineException("could not connect to the kernel: " + e.getMessage(), e);
        }
    }

    private void awaitReady(Duration limit) {
        CompletableFuture<JupyterMessage> ready = handshake.ready();
        try {
            CompletableFuture.anyOf(ready, manager.onExit()).get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new EngineException("the kernel did not answer within " + limit.toSeconds() + " s; see its log " + manager.logFile());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while waiting for the kernel to start", e);
        } catch (ExecutionException e) {
            throw new EngineException("the kernel did not start: " + e.getCause().getMessage(), e);
        }
        if (!ready.isDone() || ready.isCompletedExceptionally()) {
            String tail = manager.logTail(15);
            throw new EngineException("the kernel " + manager.describeExit() + " before it was ready; its log " + manager.logFile()
                    + (tail.isBlank() ? " is empty" : " ends with:\n" + tail));
        }
        kernelInfo = ready.join().content();
    }

    KernelClient client() {
        return client;
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

    /** Facts for {@code EngineInfo.details()}: files, pid, command, what the kernel said about itself. */
    Map<String, String> details(EngineConfig config) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("connection_file", manager.connectionFile().toString());
        details.put("pid", Long.toString(manager.pid()));
        details.put("log_file", manager.logFile().toString());
        details.put("kernelspec", spec.map(s -> s.name() + " (" + s.resourceDir() + ")")
                .orElse("none: " + config.python() + " -m ipykernel_launcher"));
        details.put("command", String.join(" ", manager.command()));
        details.put("interrupt_mode", interruptMode().name().toLowerCase(Locale.ROOT));
        details.put("implementation", kernelInfo.path("implementation").asText() + " " + kernelInfo.path("implementation_version").asText());
        details.put("protocol_version", kernelInfo.path("protocol_version").asText());
        details.put("memory_limit_bytes", Long.toString(config.memoryLimitBytes()));
        details.put("working_directory", config.workingDirectory().toString());
        details.put("sandbox", manager.sandboxState());
        return details;
    }

    KernelSpec.InterruptMode interruptMode() {
        return spec.map(KernelSpec::interruptMode).orElse(KernelSpec.InterruptMode.SIGNAL);
    }

    /** Interrupts the running cell as the kernelspec asks: {@code interrupt_request} or SIGINT. */
    void interrupt() {
        if (interruptMode() == KernelSpec.InterruptMode.MESSAGE) {
            client.interrupt();
        } else {
            manager.interrupt();
        }
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
        return deathReason != null ? deathReason : "the kernel " + manager.describeExit();
    }

    /**
     * Stops the kernel: a {@code shutdown_request} and up to {@code grace} to exit by itself
     * (none when zero), then SIGKILL to what is left; closes the client and removes the
     * connection file. Blocks; never call it on the event thread with a grace.
     */
    void stop(Duration grace) {
        stopping = true;
        KernelClient open = client;
        if (open != null && !grace.isZero() && manager.isAlive()) {
            open.shutdown(false);
            manager.waitFor(grace);
        }
        release();
    }

    /** Frees everything of a kernel whose process has exited or is to be killed now. */
    void release() {
        if (manager.isAlive()) {
            manager.kill();
        }
        KernelClient open = client;
        if (open != null) {
            open.close();
        }
        manager.cleanUp();
    }
}
