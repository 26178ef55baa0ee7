package studio.codeact.testing;

import studio.codeact.cli.perf.LoopbackJupyterServer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A real Jupyter Server ({@code python3 -m jupyter_server}, Debian's 1.23) on loopback, with a
 * random port and token, serving a fresh temporary root folder (the product's
 * {@link LoopbackJupyterServer}). {@link #close()} stops the server and fails when one of the
 * kernels it started outlives it.
 */
public final class JupyterServerFixture implements AutoCloseable {

    private final LoopbackJupyterServer server;

    private JupyterServerFixture(LoopbackJupyterServer server) {
        this.server = server;
    }

    /** Starts a server and waits until its API answers (up to 60 s). */
    public static JupyterServerFixture start(String... extraArgs) {
        return started(() -> LoopbackJupyterServer.start(Path.of(PythonCheck.PYTHON), List.of(extraArgs)));
    }

    /** Starts a server that speaks only {@code https}/{@code wss} with {@code tls}'s certificate. */
    public static JupyterServerFixture startTls(LoopbackJupyterServer.Tls tls) {
        return started(() -> LoopbackJupyterServer.startTls(Path.of(PythonCheck.PYTHON), List.of(), tls));
    }

    private interface Starter {
        LoopbackJupyterServer start() throws IOException, InterruptedException;
    }

    private static JupyterServerFixture started(Starter starter) {
        try {
            return new JupyterServerFixture(starter.start());
        } catch (IOException e) {
            throw new AssertionError(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public String url() {
        return server.url();
    }

    public int port() {
        return server.port();
    }

    public String token() {
        return server.token();
    }

    /** The folder the server serves (its Contents API's root and the kernels' default working folder). */
    public Path root() {
        return server.root();
    }

    /** The processes the server started (its kernels), as of now. */
    public List<ProcessHandle> kernelProcesses() {
        return server.kernelProcesses();
    }

    public String logText() {
        return server.logText();
    }

    /**
     * Stops the server (SIGTERM: it shuts its kernels down), waits for it, and fails when a
     * kernel process it had started is still alive afterwards. Idempotent.
     */
    @Override
    public void close() {
        List<ProcessHandle> left;
        try {
            left = server.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        if (!left.isEmpty()) {
            throw new AssertionError("kernels left behind by the Jupyter server: " + left);
        }
    }

    /** Kills the server and its kernels at once (SIGKILL), as a crashed host or a cut network would look to a client. */
    public void kill() {
        try {
            server.kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
