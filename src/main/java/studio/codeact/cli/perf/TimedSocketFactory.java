package studio.codeact.cli.perf;

import studio.codeact.net.ReadHookSocketFactory;

import java.net.Socket;

/**
 * Plain sockets that note when bytes last arrived from the network, so a benchmark can measure
 * the delay from the last byte received to the final response.
 */
final class TimedSocketFactory extends ReadHookSocketFactory {

    private volatile long lastReadNanos;

    /** {@link System#nanoTime()} just after the latest read that returned bytes, on any socket of this factory. */
    long lastReadNanos() {
        return lastReadNanos;
    }

    @Override
    protected void afterRead(Socket socket) {
        lastReadNanos = System.nanoTime();
    }
}
