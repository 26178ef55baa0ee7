package studio.codeact.engine.kernel;

import studio.codeact.engine.EngineConfig;
import studio.codeact.engine.EngineException;
import studio.codeact.engine.jupyter.Channel;
import studio.codeact.engine.jupyter.JupyterMessage;
import studio.codeact.engine.jupyter.KernelEvents;
import studio.codeact.engine.jupyter.KernelTransport;
import studio.codeact.engine.jupyter.LaunchedKernel;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One local kernel process ({@link KernelManager}) and the ZeroMQ client connected to it
 * ({@link KernelClient}): the kernel engine's {@link LaunchedKernel}. It reports the process's
 * exit after taking in what the kernel sent before it, and missed heartbeats or a failed IO
 * thread as a lost kernel.
 */
final class ZeroMqKernel implements LaunchedKernel {

    /** Heartbeat: a ping every 0.5 s; 3 unanswered in a row (1.5–2 s of silence) count as death. */
    static final Duration HEARTBEAT_INTERVAL = Duration.ofMillis(500);
    static final int HEARTBEAT_MISSES = 3;
    /** How many lines of the kernel's log an error message quotes. */
    private static final int LOG_LINES_QUOTED = 15;

    private final EngineConfig config;
    private final Optional<KernelSpec> spec;
    private final KernelManager manager;
    private volatile KernelClient client;

    private ZeroMqKernel(EngineConfig config, Optional<KernelSpec> spec) {
        this.config = config;
        this.spec = spec;
        this.manager = new KernelManager(config, spec);
    }

    /**
     * Starts the kernel process and opens its sockets; returns without waiting for the kernel to answer.
     *
     * @throws EngineException when the process cannot start or the sockets cannot open; nothing is left running
     */
    static ZeroMqKernel launch(EngineConfig config, Optional<KernelSpec> spec, KernelEvents events) {
        ZeroMqKernel kernel = new ZeroMqKernel(config, spec);
        ConnectionInfo info = ConnectionInfo.allocate();
        kernel.manager.start(info); // the process boots while the JVM side opens its sockets
        try {
            // delivered on the IO thread: the engine's events queue each call onto its own thread
            kernel.client = KernelClient.connect(info, Runnable::run, events.iopubBacklog(), new KernelClient.Handler() {
                @Override
                public void onMessage(Channel channel, JupyterMessage message, long wireBytes) {
                    events.onMessage(channel, message, wireBytes);
                }

                @Override
                public void onHeartbeatLost(int missed) {
                    events.onLost("the kernel stopped answering heartbeats (" + missed + " in a row)");
                }

                @Override
                public void onFailure(Throwable error) {
                    events.onLost("the connection to the kernel failed (" + error + ")");
                }
            });
            kernel.manager.onExit().thenRun(() -> kernel.client.flush(events::onExit));
            return kernel;
        } catch (IOException | RuntimeException e) {
            kernel.stop(Duration.ZERO);
            throw e instanceof EngineException engine ? engine : new EngineException("could not connect to the kernel: " + e.getMessage(), e);
        }
    }

    @Override
    public KernelTransport transport() {
        return client;
    }

    @Override
    public void ready() {
        client.startHeartbeat(HEARTBEAT_INTERVAL, HEARTBEAT_MISSES);
    }

    /** Interrupts the running cell as the kernelspec asks: {@code interrupt_request} or SIGINT. */
    @Override
    public void interrupt() {
        if (interruptMode() == KernelSpec.InterruptMode.MESSAGE) {
            client.interrupt();
        } else {
            manager.interrupt();
        }
    }

    private KernelSpec.InterruptMode interruptMode() {
        return spec.map(KernelSpec::interruptMode).orElse(KernelSpec.InterruptMode.SIGNAL);
    }

    @Override
    public boolean isAlive() {
        return manager.isAlive();
    }

    Path connectionFile() {
        return manager.connectionFile();
    }

    /**
     * A {@code shutdown_request} and up to {@code grace} to exit by itself (none when zero),
     * then SIGKILL to what is left of the process tree; closes the client and removes the
     * connection file.
     */
    @Override
    public void stop(Duration grace) {
        KernelClient open = client;
        if (open != null && !grace.isZero() && manager.isAlive()) {
            open.shutdown(false);
            manager.waitFor(grace);
        }
        if (manager.isAlive()) {
            manager.kill();
        }
        if (open != null) {
            open.close();
        }
        manager.cleanUp();
    }

    @Override
    public void kill() {
        manager.kill();
    }

    @Override
    public String describeExit() {
        return manager.describeExit();
    }

    @Override
    public String describeLog() {
        String tail = manager.logTail(LOG_LINES_QUOTED);
        return "its log " + manager.logFile() + (tail.isBlank() ? " is empty" : " ends with:\n" + tail);
    }

    @Override
    public Map<String, String> details() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("connection_file", manager.connectionFile().toString());
        details.put("pid", Long.toString(manager.pid()));
        details.put("log_file", manager.logFile().toString());
        details.put("kernelspec", spec.map(s -> s.name() + " (" + s.resourceDir() + ")")
                .orElse("none: " + config.python() + " -m ipykernel_launcher"));
        details.put("command", String.join(" ", manager.command()));
        details.put("interrupt_mode", interruptMode().name().toLowerCase(Locale.ROOT));
        details.put("memory_limit_bytes", Long.toString(config.memoryLimitBytes()));
        details.put("working_directory", config.workingDirectory().toString());
        details.put("sandbox", manager.sandboxState());
        return details;
    }
}
