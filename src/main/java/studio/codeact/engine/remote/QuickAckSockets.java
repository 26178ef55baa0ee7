package studio.codeact.engine.remote;

import jdk.net.ExtendedSocketOptions;

import javax.net.SocketFactory;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
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
final class QuickAckSockets extends SocketFactory {

    private static final boolean QUICKACK = supported();

    private static boolean supported() {
        try (Socket probe = new Socket()) {
            return probe.supportedOptions().contains(ExtendedSocketOptions.TCP_QUICKACK);
        } catch (IOException | RuntimeException | LinkageError e) {
            return false;
        }
    }

    @Override
    public Socket createSocket() throws SocketException {
        Socket socket = new QuickAckSocket();
        socket.setTcpNoDelay(true);
        return socket;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket socket = createSocket();
        socket.connect(new java.net.InetSocketAddress(host, port));
        return socket;
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        Socket socket = createSocket();
        socket.bind(new java.net.InetSocketAddress(localHost, localPort));
        socket.connect(new java.net.InetSocketAddress(host, port));
        return socket;
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        Socket socket = createSocket();
        socket.connect(new java.net.InetSocketAddress(host, port));
        return socket;
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        Socket socket = createSocket();
        socket.bind(new java.net.InetSocketAddress(localAddress, localPort));
        socket.connect(new java.net.InetSocketAddress(address, port));
        return socket;
    }

    /** A socket whose input re-arms quick ACKs after every read that got bytes. */
    private static final class QuickAckSocket extends Socket {
        private volatile InputStream input;

        @Override
        public InputStream getInputStream() throws IOException {
            InputStream made = input;
            if (made == null) {
                InputStream raw = super.getInputStream();
                made = QUICKACK ? new Acking(raw) : raw;
                input = made;
            }
            return made;
        }

        private void quickAck() {
            try {
                setOption(ExtendedSocketOptions.TCP_QUICKACK, true);
            } catch (IOException | UnsupportedOperationException e) {
                // closed meanwhile, or not this platform: the ACK comes when the system sends it
            }
        }

        private final class Acking extends FilterInputStream {
            Acking(InputStream raw) {
                super(raw);
            }

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    quickAck();
                }
                return b;
            }

            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                int read = in.read(bytes, offset, length);
                if (read > 0) {
                    quickAck();
                }
                return read;
            }
        }
    }
}
