package studio.codeact.engine.remote;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;

import javax.net.ssl.SSLSocketFactory;

/**
 * TLS sockets whose handshake may take at most a given time. OkHttp lets a handshake wait as long
 * as a read may (a minute here: starting a kernel on a gateway takes that long), so a URL that
 * says {@code https} to a server without TLS — which waits for an HTTP request that never
 * comes — would hang each attempt for a minute. The layered socket gets the handshake's timeout;
 * OkHttp sets the read timeout again before the first request and clears it for a WebSocket.
 */
final class HandshakeTimeoutSockets extends SSLSocketFactory {

    private final SSLSocketFactory delegate;
    private final int timeoutMillis;

    HandshakeTimeoutSockets(SSLSocketFactory delegate, Duration timeout) {
        this.delegate = delegate;
        this.timeoutMillis = Math.toIntExact(timeout.toMillis());
    }

    private Socket timed(Socket socket) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        return socket;
    }

    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
        return timed(delegate.createSocket(socket, host, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return timed(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return timed(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return timed(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return timed(delegate.createSocket(address, port, localAddress, localPort));
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }
}
