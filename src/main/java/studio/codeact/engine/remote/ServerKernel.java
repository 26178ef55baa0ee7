package studio.codeact.engine.remote;

import studio.codeact.engine.JupyterServerException;
import studio.codeact.engine.jupyter.Channel;
import studio.codeact.engine.jupyter.IopubBacklog;
import studio.codeact.engine.jupyter.JupyterMessage;
import studio.codeact.engine.jupyter.KernelEvents;
import studio.codeact.engine.jupyter.KernelTransport;
import studio.codeact.engine.jupyter.LaunchedKernel;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One kernel on a Jupyter server, as the protocol core drives it: started with
 * {@code POST /api/kernels}, spoken to over its {@link KernelSocket}, interrupted and shut down
 * through REST. A kernel the server no longer has (deleted, culled, died) is reported as exited;
 * a server that cannot be reached any more as lost.
 */
final class ServerKernel implements LaunchedKernel, KernelTransport {

    private static final System.Logger LOG = System.getLogger(ServerKernel.class.getName());
    /** How long after a reconnect the server's replay of buffered messages is given before cells are taken as cut. */
    static final Duration REPLAY_SETTLE = Duration.ofMillis(1500);
    /**
     * How long the reader thread may wait for a full iopub backlog to drain in any one
     * {@link ServerHttp#PING_INTERVAL}. A pong arrives behind whatever the server queued for the
     * link meanwhile, and OkHttp drops a link whose pong is late by a whole interval: past this
     * budget (a consumer stuck for seconds) the reader reads on, and the app holds the flood
     * rather than lose the link and the cell's output with it.
     */
    private static final Duration PACE_BUDGET = Duration.ofMillis(2500);
    private static final long PACE_WAIT_MILLIS = 5;

    private final ServerApi api;
    private final KernelModel model;
    private final String workPath;
    private final KernelEvents events;
    private final AtomicBoolean exited = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final LostReplies lost = new LostReplies();
    private volatile KernelSocket socket;
    private volatile String exitReason = "was shut down on the Jupyter server";

    private ServerKernel(ServerApi api, KernelModel model, String workPath, KernelEvents events) {
        this.api = api;
        this.model = model;
        this.workPath = workPath;
        this.events = events;
    }

    /**
     * Starts a kernel of {@code kernelName} (empty: the server's default) working in {@code workPath}
     * (relative to the server's root; empty: the root) and opens its channels.
     */
    static ServerKernel launch(ServerApi api, String kernelName, String workPath, KernelSocket.Offer offer, KernelEvents events) {
        KernelModel model = api.start(kernelName, workPath);
        ServerKernel kernel = new ServerKernel(api, model, workPath, events);
        try {
            kernel.socket = KernelSocket.open(api, model.id(), UUID.randomUUID().toString(), offer, Runnable::run, kernel.new Link());
            return kernel;
        } catch (RuntimeException e) {
            api.shutdown(model.id());
            throw e;
        }
    }

    /** What the socket says, passed to the core (on OkHttp's reader thread, in arrival order). */
    private final class Link implements KernelSocket.Listener {

        // the reader thread's alone
        private long paceWindowStart = System.nanoTime();
        private long pacedInWindow;

        @Override
        public void onMessage(String channel, JupyterMessage message, long wireBytes) {
            lost.received(message);
            Channel.fromWireName(channel).ifPresent(known -> events.onMessage(known, message, wireBytes));
        }

        @Override
        public void paceReading() {
            IopubBacklog backlog = events.iopubBacklog();
            long now = System.nanoTime();
            if (now - paceWindowStart >= ServerHttp.PING_INTERVAL.toNanos()) {
                paceWindowStart = now;
                pacedInWindow = 0;
            }
            try {
                while (backlog.full() && pacedInWindow < PACE_BUDGET.toNanos()) {
                    long waitStart = System.nanoTime();
                    backlog.awaitDrain(PACE_WAIT_MILLIS);
                    pacedInWindow += System.nanoTime() - waitStart;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void onReconnecting(String reason) {
            LOG.log(System.Logger.Level.INFO, "kernel " + model.id() + ": " + reason + "; reconnecting");
        }

        @Override
        public void onReconnected() {
            LOG.log(System.Logger.Level.INFO, "kernel " + model.id() + ": reconnected");
            if (lost.any()) {
                Thread.ofVirtual().name("codeact-remote-lost-replies").start(ServerKernel.this::closeLostCells);
            }
        }

        @Override
        public void onLost(String reason, boolean kernelGone) {
            if (kernelGone) {
                exitReason = "is gone: " + reason;
                exit();
            } else {
                exitReason = "could not be reached: " + reason;
                events.onLost(reason);
            }
        }
    }

    /**
     * After a reconnect, once the server's replay has had time to arrive: a cell still open while
     * the server says the kernel is idle lost its end on the dead link, so it is closed here.
     */
    private void closeLostCells() {
        try {
            for (int check = 0; check < 2; check++) {
                Thread.sleep(REPLAY_SETTLE.toMillis());
                if (!lost.any() || !isAlive() || !"idle".equals(api.kernel(model.id()).executionState())) {
                    return;
                }
            }
            KernelSocket open = socket;
            if (open != null) {
                open.deliverLocally(lost.closing(), (channel, message) -> events.onMessage(channel, message, 0));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (JupyterServerException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not ask for the kernel's state after a reconnect: " + e.getMessage());
        }
    }

    private void exit() {
        if (exited.compareAndSet(false, true)) {
            events.onExit();
        }
    }

    String id() {
        return model.id();
    }

    @Override
    public KernelTransport transport() {
        return this;
    }

    @Override
    public void send(Channel channel, JupyterMessage message) {
        KernelSocket open = socket;
        if (open != null) {
            lost.sent(channel, message);
            open.send(channel.wireName(), message);
        }
    }

    /** The server interrupts as the kernelspec says (signal or message); the call runs off the event thread. */
    @Override
    public void interrupt() {
        Thread.ofVirtual().name("codeact-remote-interrupt").start(() -> {
            try {
                api.interrupt(model.id());
            } catch (JupyterServerException e) {
                LOG.log(System.Logger.Level.WARNING, "could not interrupt kernel " + model.id() + ": " + e.getMessage());
            }
        });
    }

    @Override
    public boolean isAlive() {
        return !exited.get() && !stopped.get();
    }

    /** {@code DELETE /api/kernels/{id}}: the server shuts the kernel down (politely, then by force) and frees it. */
    @Override
    public void stop(Duration grace) {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        KernelSocket open = socket;
        if (open != null) {
            open.close();
        }
        if (!exited.get()) {
            try {
                api.shutdown(model.id());
            } catch (JupyterServerException e) {
                LOG.log(System.Logger.Level.WARNING, "could not shut kernel " + model.id() + " down: " + e.getMessage());
            }
        }
    }

    @Override
    public void kill() {
        stop(Duration.ZERO);
        exit();
    }

    @Override
    public void close() {
        KernelSocket open = socket;
        if (open != null) {
            open.close();
        }
    }

    @Override
    public String describeExit() {
        return exitReason;
    }

    @Override
    public String describeLog() {
        return "see the Jupyter server's log at " + api.http().describe();
    }

    @Override
    public Map<String, String> details() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("server", api.http().describe());
        details.put("kernel_id", model.id());
        details.put("kernelspec", model.name());
        details.put("working_folder_on_server", workPath.isEmpty() ? "(the server's root)" : workPath);
        KernelSocket open = socket;
        if (open != null) {
            details.put("websocket_format", open.formatName());
            details.put("reconnects", Integer.toString(open.reconnects()));
        }
        return details;
    }
}
