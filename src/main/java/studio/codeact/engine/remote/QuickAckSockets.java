package studio.codeact.engine.remote;

import jdk.net.ExtendedSocketOptions;
import studio.codeact.net.ReadHookSocketFactory;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;

/**
 * Sockets to the Jupyter server that acknowledge what they receive at once. A kernel answers a
 * cell with several messages in a burst (status, input, result, reply, status); the server writes
 * each on its own with Nagle's algorithm on (Jupyter Server does not set {@code TCP_NODELAY}), so
 * the second waits until the first is acknowledged, and a receiver that delays its ACKs (Linux:
 * 40 ms) stalls every cell by that much. After each read these sockets re-arm
 * {@code TCP_QUICKACK} (Linux; elsewhere nothing changes), which also sends a pending ACK at
 * once; and they send with {@code TCP_NODELAY}. OkHttp opens them ({@link ServerHttp}).
 */
final class QuickAckSockets extends ReadHookSocketFactory {

    private static final boolean QUICKACK = supported();

    private static boolean supported() {
        try (Socket probe = new Socket()) {
            return probe.supportedOptions().contains(ExtendedSocketOptions.TCP_QUICKACK);
        } catch (IOException | RuntimeException | LinkageError e) {
            return false;
        }
    }

    @Override
    protected void configure(Socket socket) throws SocketException {
        socket.setTcpNoDelay(true);
    }

    /** Re-arms quick ACKs after every read that got bytes. */
    @Override
    protected void afterRead(Socket socket) {
        if (!QUICKACK) {
            return;
        }
        try {
            socket.setOption(ExtendedSocketOptions.TCP_QUICKACK, true);
        } catch (IOException | UnsupportedOperationException e) {
            // closed meanwhile, or not this platform: the ACK comes when the system sends it
        }
    }
}
