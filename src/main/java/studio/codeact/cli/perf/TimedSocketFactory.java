package studio.codeact.cli.perf;

import javax.net.SocketFactory;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;

/**
 * Plain sockets that note when bytes last arrived from the network, so a benchmark can measure
 * the delay from the last byte received to the final response.
 */
final class TimedSocketFactory extends SocketFactory {

    private volatile long lastReadNanos;

    /** {@link System#nanoTime()} just after the latest read that returned bytes, on any socket of this factory. */
    long lastReadNanos() {
        return lastReadNanos;
    }

    @Override
    public Socket createSocket() {
        return new TimedSocket();
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

    private final class TimedSocket extends Socket {
        private InputStream timed;

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (timed == null) {
                timed = new FilterInputStream(super.getInputStream()) {
                    @Override
                    public int read() throws IOException {
                        int b = super.read();
                        if (b >= 0) {
                            lastReadNanos = System.nanoTime();
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = super.read(buffer, offset, length);
                        if (n > 0) {
                            lastReadNanos = System.nanoTime();
                        }
                        return n;
                    }
                };
            }
            return timed;
        }
    }
}
