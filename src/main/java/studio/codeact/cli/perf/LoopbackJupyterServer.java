package studio.codeact.cli.perf;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Jupyter Server that {@code codeact perf remote} starts on loopback when it is given no URL:
 * {@code python -m jupyter_server} with a random port and token in a temporary root folder,
 * without the IOPub data rate limit (the stdout benchmark sends 20 MB at once). Stopped, with its
 * kernels, by {@link #close()}.
 */
final class LoopbackJupyterServer implements AutoCloseable {

    private final Process process;
    private final Path home;
    private final String url;
    private final String token;

    private LoopbackJupyterServer(Process process, Path home, String url, String token) {
        this.process = process;
        this.home = home;
        this.url = url;
        this.token = token;
    }

    static LoopbackJupyterServer start(Path python) throws IOException, InterruptedException {
        Path home = Files.createTempDirectory("codeact-perf-jupyter-");
        Files.createDirectories(home.resolve("root"));
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String token = HexFormat.of().formatHex(random);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(List.of(python.toString(), "-m", "jupyter_server", "--no-browser", "--port", Integer.toString(port),
                "--port-retries=0", "--ServerApp.token=" + token, "--ServerApp.ip=127.0.0.1", "--ServerApp.root_dir=" + home.resolve("root"),
                "--ServerApp.iopub_data_rate_limit=0", "--allow-root"))
                .redirectErrorStream(true).redirectOutput(home.resolve("server.log").toFile());
        builder.environment().put("JUPYTER_CONFIG_DIR", home.resolve("config").toString());
        builder.environment().put("JUPYTER_RUNTIME_DIR", home.resolve("runtime").toString());
        builder.environment().remove("MPLBACKEND");
        LoopbackJupyterServer server = new LoopbackJupyterServer(builder.start(), home, "http://127.0.0.1:" + port, token);
        server.awaitReady();
        return server;
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(url + "/api/status").toURL().openConnection();
                connection.setRequestProperty("Authorization", "token " + token);
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            process.waitFor(100, TimeUnit.MILLISECONDS);
        }
        String log = Files.readString(home.resolve("server.log"));
        close();
        throw new IOException("the loopback Jupyter server did not start (is python3-jupyter-server installed?):\n" + log);
    }

    String url() {
        return url;
    }

    String token() {
        return token;
    }

    @Override
    public void close() {
        List<ProcessHandle> kernels = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kernels.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        try (Stream<Path> all = Files.walk(home)) {
            all.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder
        }
    }
}
