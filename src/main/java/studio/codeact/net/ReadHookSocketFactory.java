package studio.codeact.net;

import javax.net.SocketFactory;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;

/**
 * Plain TCP sockets that run a hook after every read that returned bytes (for OkHttp's
 * {@code socketFactory}). Subclasses say what happens: note the time, re-arm a socket option.
 * The hook runs on the reading thread and must be quick.
 */
public abstract class ReadHookSocketFactory extends SocketFactory {

    /** Called on the reading thread after {@code socket} returned bytes. */
    protected abstract void afterRead(Socket socket);

    /** Sets options on a new, unconnected socket (nothing by default). */
    protected void configure(Socket socket) throws SocketException {
    }

    @Override
    public final Socket createSocket() throws SocketException {
        Socket socket = new HookedSocket();
        configure(socket);
        return socket;
    }

    @Override
    public final Socket createSocket(String host, int port) throws IOException {
        return connect(createSocket(), new InetSocketAddress(host, port));
    }

    @Override
    public final Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        Socket socket = createSocket();
        socket.bind(new InetSocketAddress(localHost, localPort));
        return connect(socket, new InetSocketAddress(host, port));
    }

    @Override
    public final Socket createSocket(InetAddress host, int port) throws IOException {
        return connect(createSocket(), new InetSocketAddress(host, port));
    }

    @Override
    public final Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        Socket socket = createSocket();
        socket.bind(new InetSocketAddress(localAddress, localPort));
        return connect(socket, new InetSocketAddress(address, port));
    }

    private static Socket connect(Socket socket, InetSocketAddress to) throws IOException {
        socket.connect(to);
        return socket;
    }

    private final class HookedSocket extends Socket {
        private volatile InputStream input;

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (input == null) {
                input = new Hooked(super.getInputStream());
            }
            return input;
        }

        private final class Hooked extends FilterInputStream {
            Hooked(InputStream raw) {
                super(raw);
            }

            @Override
            public int read() throws IOException {
                int b = in.read();
                if (b >= 0) {
                    afterRead(HookedSocket.this);
                }
                return b;
            }

            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                int read = in.read(bytes, offset, length);
                if (read > 0) {
                    afterRead(HookedSocket.this);
                }
                return read;
            }
        }
    }
}
