package studio.codeact.engine.jupyter;

import java.util.Locale;
import java.util.Optional;

/**
 * The channels a Jupyter message travels on, as the protocol names them. The heartbeat is not
 * one of them: it carries no messages, and only a transport that has one (ZeroMQ) knows it.
 */
public enum Channel {
    /** Requests and replies: execute, complete, inspect, kernel_info. */
    SHELL,
    /** Broadcast side effects: status, streams, display data, results, errors. */
    IOPUB,
    /** The kernel asks for input; the client replies. */
    STDIN,
    /** Like shell, but answered even while the kernel is busy: interrupt, shutdown. */
    CONTROL;

    /** The name on the wire ({@code "shell"}, {@code "iopub"}, …), as Jupyter Server's WebSocket messages carry it. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The channel a wire name stands for, or empty for an unknown one. */
    public static Optional<Channel> fromWireName(String name) {
        for (Channel channel : values()) {
            if (channel.wireName().equals(name)) {
                return Optional.of(channel);
            }
        }
        return Optional.empty();
    }
}
