package studio.codeact.engine.kernel;

import org.zeromq.SocketType;

/** The five ZeroMQ channels of a Jupyter kernel, with the socket type a client uses for each. */
public enum Channel {
    /** Requests and replies: execute, complete, inspect, kernel_info. */
    SHELL(SocketType.DEALER),
    /** Broadcast side effects: status, streams, display data, results, errors. */
    IOPUB(SocketType.SUB),
    /** The kernel asks for input; the client replies. */
    STDIN(SocketType.DEALER),
    /** Like shell, but answered even while the kernel is busy: interrupt, shutdown. */
    CONTROL(SocketType.DEALER),
    /** Echoes bytes to show the kernel process is alive. */
    HEARTBEAT(SocketType.REQ);

    final SocketType socketType;

    Channel(SocketType socketType) {
        this.socketType = socketType;
    }

    int port(ConnectionInfo info) {
        return switch (this) {
            case SHELL -> info.shellPort();
            case IOPUB -> info.iopubPort();
            case STDIN -> info.stdinPort();
            case CONTROL -> info.controlPort();
            case HEARTBEAT -> info.hbPort();
        };
    }
}
