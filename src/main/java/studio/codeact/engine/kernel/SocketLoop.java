package studio.codeact.engine.kernel;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import studio.codeact.engine.jupyter.Channel;
import studio.codeact.engine.jupyter.IopubBacklog;
import studio.codeact.engine.jupyter.JupyterMessage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one thread ({@code codeact-kernel-io-N}) that owns a client's ZeroMQ sockets: JeroMQ
 * sockets are not thread-safe, so every send and receive happens here. Other threads hand
 * over commands through a queue and wake the poller through a {@link Pipe} it also polls.
 *
 * <p>Received frames are verified and parsed here, then handed to the delivery executor; this
 * thread never runs application code. Messages with a wrong signature are logged and dropped.
 *
 * <p>Back-pressure: a cell printing faster than the engine handles its output would otherwise
 * queue every message in this process (gigabytes). While the {@link IopubBacklog} the handler's
 * consumer keeps is full, this thread stops reading the iopub socket (shell, stdin, the heartbeat
 * and commands go on) until it has drained to half; what the kernel sends meanwhile waits in
 * ZeroMQ's queues (at most {@link #IOPUB_RCVHWM} messages here) and then in the kernel's.
 */
final class SocketLoop implements Runnable {

    private static final System.Logger LOG = System.getLogger(SocketLoop.class.getName());
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final byte[] PING = "ping".getBytes(StandardCharsets.US_ASCII);
    /** Reconnect interval: the kernel binds ≈0.5 s after launch, and the sockets should notice soon after. */
    private static final int RECONNECT_MILLIS = 10;
    /** A flush polls this many short rounds so that what the kernel sent just before it exited is taken in. */
    private static final int FLUSH_ROUNDS = 2;
    private static final int FLUSH_POLL_MILLIS = 10;
    /** How long {@link #start} waits for the IO thread to open its sockets, and {@link #close} for it to end. */
    private static final Duration OPEN_LIMIT = Duration.ofSeconds(10);
    private static final Duration CLOSE_LIMIT = Duration.ofSeconds(2);
    /** How long the paused thread waits for the backlog to drain before it looks at its other sockets again. */
    private static final long PAUSE_WAIT_MILLIS = 5;
    /** How long a flush waits for the delivery to catch up with iopub left unread for back-pressure. */
    private static final Duration FLUSH_BACKLOG_LIMIT = Duration.ofSeconds(2);
    /** Messages JeroMQ queues for the iopub socket here before it stops reading the connection (the kernel's own queue holds the rest). */
    static final int IOPUB_RCVHWM = 32;

    private sealed interface Command {
        record Send(Channel channel, List<byte[]> frames) implements Command { }
        record Flush(Runnable then) implements Command { }
        record StartHeartbeat(Duration interval, int maxMissed) implements Command { }
        record Stop() implements Command { }
    }

    private final ConnectionInfo info;
    private final JupyterSession session;
    private final Executor delivery;
    private final KernelClient.Handler handler;
    private final Queue<Command> commands = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private final CountDownLatch connected = new CountDownLatch(1);
    private final Pipe wake;
    private final Thread thread;
    private volatile Throwable failure;
    /** Iopub messages handed on and not yet handled, as the handler's consumer counts them. */
    private final IopubBacklog backlog;

    // confined to the IO thread
    private final Map<Channel, ZMQ.Socket> sockets = new EnumMap<>(Channel.class);
    private final Map<Channel, Integer> pollIndex = new EnumMap<>(Channel.class);
    private ZMQ.Socket heartbeatSocket;
    private int heartbeatIndex;
    private int wakeIndex;
    private ZMQ.Poller poller;
    /**
     * Messages are left in the iopub socket because the backlog was full. ZeroMQ signals a
     * socket's readiness once (edge-triggered), so they are read without waiting for the poller.
     */
    private boolean iopubWaiting;
    private boolean running = true;
    private final Heartbeat heartbeat = new Heartbeat();

    SocketLoop(ConnectionInfo info, JupyterSession session, Executor delivery, IopubBacklog backlog, KernelClient.Handler handler)
            throws IOException {
        this.info = info;
        this.session = session;
        this.delivery = delivery;
        this.backlog = backlog;
        this.handler = handler;
        this.wake = Pipe.open();
        wake.source().configureBlocking(false);
        this.thread = new Thread(this, "codeact-kernel-io-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
    }

    /** Starts the thread and waits until every socket is connecting. */
    void start() throws IOException {
        thread.start();
        try {
            if (!connected.await(OPEN_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException("the ZeroMQ sockets did not open within " + OPEN_LIMIT.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while opening the ZeroMQ sockets", e);
        }
        if (failure != null) {
            throw new IOException("could not open the ZeroMQ sockets: " + failure.getMessage(), failure);
        }
    }

    void send(Channel channel, List<byte[]> frames) {
        submit(new Command.Send(channel, frames));
    }

    /** Receives whatever has already arrived, then runs {@code then} on the delivery executor. */
    void flush(Runnable then) {
        submit(new Command.Flush(then));
    }

    void startHeartbeat(Duration interval, int maxMissed) {
        submit(new Command.StartHeartbeat(interval, maxMissed));
    }

    /** Closes every socket and ends the thread (waits up to {@link #CLOSE_LIMIT}). Idempotent. */
    void close() {
        submit(new Command.Stop());
        if (Thread.currentThread() != thread) {
            try {
                thread.join(CLOSE_LIMIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            wake.sink().close();
            wake.source().close();
        } catch (IOException ignored) {
            // nothing left to free
        }
    }

    private void submit(Command command) {
        commands.add(command);
        if (wakePending.compareAndSet(false, true)) {
            try {
                wake.sink().write(ByteBuffer.wrap(PING, 0, 1));
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "the kernel IO thread is gone", e);
            }
        }
    }

    @Override
    public void run() {
        try (ZContext context = new ZContext(1)) {
            context.setLinger(0);
            byte[] identity = session.sessionId().getBytes(StandardCharsets.UTF_8);
            poller = context.createPoller(Channel.values().length + 2); // the heartbeat and the wake pipe too
            for (Channel channel : Channel.values()) {
                ZMQ.Socket socket = context.createSocket(channel == Channel.IOPUB ? SocketType.SUB : SocketType.DEALER);
                socket.setLinger(0);
                socket.setReconnectIVL(RECONNECT_MILLIS);
                if (channel == Channel.IOPUB) {
                    socket.setRcvHWM(IOPUB_RCVHWM);
                    socket.subscribe(ZMQ.SUBSCRIPTION_ALL);
                } else {
                    socket.setIdentity(identity); // shell and stdin must share one: the kernel routes input_request by it
                }
                socket.connect(info.url(info.port(channel)));
                sockets.put(channel, socket);
                pollIndex.put(channel, poller.register(socket, ZMQ.Poller.POLLIN));
            }
            heartbeatSocket = context.createSocket(SocketType.REQ);
            heartbeatSocket.setLinger(0);
            heartbeatSocket.setReconnectIVL(RECONNECT_MILLIS);
            heartbeatSocket.setReqRelaxed(true);
            heartbeatSocket.setReqCorrelate(true);
            heartbeatSocket.connect(info.url(info.hbPort()));
            heartbeatIndex = poller.register(heartbeatSocket, ZMQ.Poller.POLLIN);
            wakeIndex = poller.register(wake.source(), ZMQ.Poller.POLLIN);
            connected.countDown();
            loop();
            poller.close();
        } catch (Throwable e) {
            failure = e;
            boolean wasConnected = connected.getCount() == 0;
            connected.countDown();
            if (running) {
                LOG.log(System.Logger.Level.WARNING, "the kernel IO thread failed", e);
                if (wasConnected) {
                    deliver(() -> handler.onFailure(e));
                }
            }
        }
    }

    private void loop() throws IOException {
        ByteBuffer drain = ByteBuffer.allocate(64);
        while (running) {
            poller.poll(iopubWaiting ? 0 : heartbeat.millisToNextBeat());
            if (poller.pollin(wakeIndex)) {
                while (wake.source().read(drain.clear()) > 0) {
                    // empty the pipe
                }
                wakePending.set(false);
            }
            runCommands();
            for (Channel channel : Channel.values()) {
                boolean iopub = channel == Channel.IOPUB;
                if (running && (poller.pollin(pollIndex.get(channel)) || iopub && iopubWaiting)) {
                    if (iopub && backlog.full()) {
                        iopubWaiting = true;
                    } else {
                        receiveAll(channel);
                    }
                }
            }
            if (running && iopubWaiting) {
                awaitDrain();
            }
            if (running && poller.pollin(heartbeatIndex) && heartbeat.awaiting()) {
                receiveHeartbeat();
            }
            if (running && heartbeat.due()) {
                if (heartbeat.tick()) {
                    deliver(() -> handler.onHeartbeatLost(heartbeat.missed()));
                }
                heartbeatSocket.send(PING, ZMQ.DONTWAIT);
            }
        }
    }

    private void runCommands() {
        Command command;
        while (running && (command = commands.poll()) != null) {
            switch (command) {
                case Command.Send send -> sendFrames(send.channel(), send.frames());
                case Command.Flush flush -> {
                    for (int round = 0; round < FLUSH_ROUNDS; round++) {
                        poller.poll(FLUSH_POLL_MILLIS);
                        for (Channel channel : Channel.values()) {
                            receiveAll(channel);
                        }
                    }
                    // iopub left unread for back-pressure still arrived: take it as the delivery catches up (bounded)
                    long deadline = System.nanoTime() + FLUSH_BACKLOG_LIMIT.toNanos();
                    while (running && iopubWaiting && System.nanoTime() < deadline) {
                        awaitDrain();
                        if (!backlog.full()) {
                            receiveAll(Channel.IOPUB);
                        }
                    }
                    deliver(flush.then());
                }
                case Command.StartHeartbeat start -> heartbeat.start(start.interval(), start.maxMissed());
                case Command.Stop stop -> running = false;
            }
        }
    }

    private void sendFrames(Channel channel, List<byte[]> frames) {
        ZMQ.Socket socket = sockets.get(channel);
        boolean sent = true;
        for (int i = 0; i < frames.size() && sent; i++) {
            sent = socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE | ZMQ.DONTWAIT : ZMQ.DONTWAIT);
        }
        if (!sent) {
            LOG.log(System.Logger.Level.WARNING, "could not send a message on the " + channel + " channel (error " + socket.errno() + ")");
        }
    }

    /** Waits (briefly) until the delivery executor has handled half of the iopub backlog. */
    private void awaitDrain() {
        try {
            backlog.awaitDrain(PAUSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void receiveAll(Channel channel) {
        ZMQ.Socket socket = sockets.get(channel);
        if (channel == Channel.IOPUB) {
            iopubWaiting = false;
        }
        byte[] first;
        while (running && (first = socket.recv(ZMQ.DONTWAIT)) != null) {
            List<byte[]> frames = new ArrayList<>(8);
            frames.add(first);
            long size = first.length;
            while (socket.hasReceiveMore()) {
                byte[] frame = socket.recv(0);
                size += frame.length;
                frames.add(frame);
            }
            try {
                JupyterMessage message = session.deserialize(frames);
                long wireBytes = size;
                deliver(() -> handler.onMessage(channel, message, wireBytes));
                if (channel == Channel.IOPUB && backlog.full()) {
                    iopubWaiting = true; // the rest waits in ZeroMQ until the engine catches up
                    return;
                }
            } catch (InvalidMessageException e) {
                LOG.log(System.Logger.Level.WARNING, "dropped " + e.getMessage() + " on the " + channel + " channel");
            }
        }
    }

    private void receiveHeartbeat() {
        if (heartbeatSocket.recv(ZMQ.DONTWAIT) != null) {
            while (heartbeatSocket.hasReceiveMore()) {
                heartbeatSocket.recv(0);
            }
            heartbeat.answered(); // a REQ socket may not receive again before it sends
        }
    }

    private void deliver(Runnable task) {
        try {
            delivery.execute(task);
        } catch (RejectedExecutionException e) {
            running = false; // the engine is closing
        }
    }
}
