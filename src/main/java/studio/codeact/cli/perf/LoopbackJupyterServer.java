package studio.codeact.cli.perf;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Jupyter Server on loopback ({@code python -m jupyter_server}) with a random port and token,
 * serving a fresh temporary root folder; its config and runtime files stay in that folder too.
 * {@code codeact perf remote} starts one when it is given no URL (without the IOPub data rate
 * limit: the stdout benchmark sends 20 MB at once); the tests' server fixture is this class.
 */
public final class LoopbackJupyterServer implements AutoCloseable {

    /** How long the server may take to answer its status API. */
    private static final long READY_SECONDS = 60;
    /** How long a stopped server may take to shut its kernels down and exit. */
    private static final long STOP_SECONDS = 20;
    private static final long KERNEL_EXIT_SECONDS = 10;
    private static final long POLL_MILLIS = 100;

    /** What the server logs once it listens (Jupyter Server 1.x and 2.x alike). */
    private static final String RUNNING_LINE = " is running at:";

    /**
     * The server's certificate chain and private key (PEM files), for a server that speaks only
     * {@code https}/{@code wss}.
     */
    public record Tls(Path certificate, Path key) {
    }

    private final Process process;
    private final Path home;
    private final int port;
    private final String token;
    private final boolean tls;

    private LoopbackJupyterServer(Process process, Path home, int port, String token, boolean tls) {
        this.process = process;
        this.home = home;
        this.port = port;
        this.token = token;
        this.tls = tls;
    }

    /**
     * Starts a server with {@code python} and waits until its API answers.
     *
     * @param extraArgs further {@code jupyter_server} options, e.g. {@code --ServerApp.iopub_data_rate_limit=0}
     * @throws IOException when it does not start (the message holds its log)
     */
    public static LoopbackJupyterServer start(Path python, List<String> extraArgs) throws IOException, InterruptedException {
        return start(python, extraArgs, null);
    }

    /**
     * Starts a server that speaks TLS with the given certificate and waits until it listens.
     *
     * @see #start(Path, List)
     */
    public static LoopbackJupyterServer startTls(Path python, List<String> extraArgs, Tls tls) throws IOException, InterruptedException {
        return start(python, extraArgs, tls);
    }

    private static LoopbackJupyterServer start(Path python, List<String> extraArgs, Tls tls) throws IOException, InterruptedException {
        Path home = Files.createTempDirectory("codeact-jupyter-");
        Path root = Files.createDirectories(home.resolve("root"));
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String token = HexFormat.of().formatHex(random);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(python.toString(), "-m", "jupyter_server", "--no-browser", "--port", Integer.toString(port),
                "--port-retries=0", "--ServerApp.token=" + token, "--ServerApp.ip=127.0.0.1", "--ServerApp.root_dir=" + root, "--allow-root"));
        if (tls != null) {
            command.addAll(List.of("--certfile=" + tls.certificate(), "--keyfile=" + tls.key()));
        }
        command.addAll(extraArgs);
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(home.resolve("server.log").toFile());
        builder.environment().put("JUPYTER_CONFIG_DIR", home.resolve("config").toString());
        builder.environment().put("JUPYTER_RUNTIME_DIR", home.resolve("runtime").toString());
        builder.environment().remove("MPLBACKEND"); // inline figures come as display_data only without it
        LoopbackJupyterServer server = new LoopbackJupyterServer(builder.start(), home, port, token, tls != null);
        server.awaitReady();
        return server;
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_SECONDS);
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (tls) {
                // this JVM need not trust the test's certificate: the server says when it listens
                if (logText().contains(RUNNING_LINE)) {
                    return;
                }
                process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS);
                continue;
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(url() + "/api/status").toURL().openConnection();
                connection.setRequestProperty("Authorization", "token " + token);
                connection.setConnectTimeout((int) POLL_MILLIS * 5);
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS);
        }
        String log = logText();
        String why = process.isAlive() ? "did not answer within " + READY_SECONDS + " s" : "exited (" + process.exitValue() + ")";
        close();
        throw new IOException("the loopback Jupyter server " + why + " (is python3-jupyter-server installed?):\n" + log);
    }

    public String url() {
        return (tls ? "https" : "http") + "://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public String token() {
        return token;
    }

    /** The folder the server serves (its Contents API's root and the kernels' default working folder). */
    public Path root() {
        return home.resolve("root");
    }

    /** The processes the server started (its kernels), as of now. */
    public List<ProcessHandle> kernelProcesses() {
        return process.descendants().filter(ProcessHandle::isAlive).toList();
    }

    public String logText() {
        try {
            return Files.readString(home.resolve("server.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /**
     * Stops the server (SIGTERM: it shuts its kernels down), waits for it and its kernels, kills
     * what is left and deletes its folder. Idempotent.
     *
     * @return the kernels that were still alive after the server's own shutdown (killed now)
     */
    public List<ProcessHandle> stop() throws InterruptedException {
        List<ProcessHandle> kernels = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(KERNEL_EXIT_SECONDS, TimeUnit.SECONDS);
            }
            awaitExit(kernels);
            List<ProcessHandle> left = kernels.stream().filter(ProcessHandle::isAlive).toList();
            left.forEach(ProcessHandle::destroyForcibly);
            return left;
        } finally {
            deleteQuietly(home);
        }
    }

    /** Kills the server and its kernels at once (SIGKILL), as a crashed host or a cut network would look to a client. */
    public void kill() throws InterruptedException {
        List<ProcessHandle> kernels = process.descendants().toList();
        process.destroyForcibly();
        kernels.forEach(ProcessHandle::destroyForcibly);
        process.waitFor(KERNEL_EXIT_SECONDS, TimeUnit.SECONDS);
        awaitExit(kernels);
    }

    private static void awaitExit(List<ProcessHandle> processes) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(KERNEL_EXIT_SECONDS);
        for (ProcessHandle one : processes) {
            while (one.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(POLL_MILLIS);
            }
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> all = Files.walk(folder)) {
            all.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder; the OS cleans it eventually
        }
    }
}
