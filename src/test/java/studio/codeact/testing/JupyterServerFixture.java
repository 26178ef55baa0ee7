package studio.codeact.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Jupyter Server ({@code python3 -m jupyter_server}, Debian's 1.23) on loopback, with a
 * random port and token, serving a fresh temporary root folder; config and runtime files stay in
 * that folder too. {@link #close()} stops the server and checks that none of the kernels it
 * started outlives it.
 */
public final class JupyterServerFixture implements AutoCloseable {

    private final Path home;
    private final Path root;
    private final Path log;
    private final String token;
    private final int port;
    private final Process process;

    private JupyterServerFixture(Path home, String token, int port, Process process) {
        this.home = home;
        this.root = home.resolve("root");
        this.log = home.resolve("server.log");
        this.token = token;
        this.port = port;
        this.process = process;
    }

    /** Starts a server and waits until its API answers (up to 60 s). */
    public static JupyterServerFixture start(String... extraArgs) {
        try {
            Path home = Files.createTempDirectory("codeact-jupyter-");
            Files.createDirectories(home.resolve("root"));
            byte[] random = new byte[16];
            new SecureRandom().nextBytes(random);
            String token = HexFormat.of().formatHex(random);
            int port = freePort();
            List<String> command = new java.util.ArrayList<>(List.of(PythonCheck.PYTHON, "-m", "jupyter_server", "--no-browser",
                    "--port", Integer.toString(port), "--port-retries=0", "--ServerApp.token=" + token, "--ServerApp.ip=127.0.0.1",
                    "--ServerApp.root_dir=" + home.resolve("root"), "--allow-root"));
            command.addAll(List.of(extraArgs));
            ProcessBuilder builder = new ProcessBuilder(command).directory(home.resolve("root").toFile())
                    .redirectErrorStream(true).redirectOutput(home.resolve("server.log").toFile());
            builder.environment().put("JUPYTER_CONFIG_DIR", home.resolve("config").toString());
            builder.environment().put("JUPYTER_RUNTIME_DIR", home.resolve("runtime").toString());
            builder.environment().remove("MPLBACKEND"); // inline figures come as display_data only without it
            JupyterServerFixture server = new JupyterServerFixture(home, token, port, builder.start());
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the Jupyter server exited (" + process.exitValue() + "):\n" + logText());
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(url() + "/api/status").toURL().openConnection();
                connection.setRequestProperty("Authorization", "token " + token);
                connection.setConnectTimeout(500);
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            try {
                process.waitFor(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        close();
        throw new AssertionError("the Jupyter server did not answer within 60 s:\n" + logText());
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public String token() {
        return token;
    }

    /** The folder the server serves (its Contents API's root and the kernels' default working folder). */
    public Path root() {
        return root;
    }

    /** The processes the server started (its kernels), as of now. */
    public List<ProcessHandle> kernelProcesses() {
        return process.descendants().filter(ProcessHandle::isAlive).toList();
    }

    public String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /**
     * Stops the server (SIGTERM: it shuts its kernels down), waits for it, and fails when a
     * kernel process it had started is still alive afterwards. Idempotent.
     */
    @Override
    public void close() {
        List<ProcessHandle> kernels = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
            for (ProcessHandle kernel : kernels) {
                kernel.onExit().get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            kernels.forEach(ProcessHandle::destroyForcibly);
            throw new AssertionError("a kernel of the Jupyter server outlived it: " + e, e);
        } finally {
            deleteQuietly(home);
        }
        List<ProcessHandle> left = kernels.stream().filter(ProcessHandle::isAlive).toList();
        if (!left.isEmpty()) {
            left.forEach(ProcessHandle::destroyForcibly);
            throw new AssertionError("kernels left behind by the Jupyter server: " + left);
        }
    }

    /** Kills the server and its kernels at once (SIGKILL), as a crashed host or a cut network would look to a client. */
    public void kill() {
        List<ProcessHandle> kernels = process.descendants().toList();
        process.destroyForcibly();
        kernels.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(10, TimeUnit.SECONDS);
            for (ProcessHandle kernel : kernels) {
                kernel.onExit().get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new AssertionError("could not kill the Jupyter server: " + e, e);
        }
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> all = Files.walk(folder)) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder; the OS cleans it eventually
        }
    }
}
