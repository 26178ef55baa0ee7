package studio.codeact.cli.perf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import studio.codeact.cli.JupyterOptions;
import studio.codeact.cli.Main;
import studio.codeact.engine.EngineConfig;
import studio.codeact.engine.EngineKind;
import studio.codeact.engine.Engines;
import studio.codeact.engine.ExecutionRequest;
import studio.codeact.engine.JupyterServerConfig;
import studio.codeact.engine.OutputListener;
import studio.codeact.engine.PythonEngine;
import studio.codeact.engine.PythonLocator;
import studio.codeact.engine.TransferProgress;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * {@code codeact perf remote}: the remote engine beside the local kernel engine in one run, as
 * one JSON object: {@code 1+1} round-trip median and p95 for both (target: remote ≤ 1.3 × kernel),
 * stdout MB/s, ms for a 1000×1000-pixel figure, and upload MB/s of a 100 MB file. Without
 * {@code --jupyter-url} it starts a Jupyter Server on loopback and stops it after.
 */
@Command(name = "remote", mixinStandardHelpOptions = true,
        description = "Measure the remote (Jupyter Server) engine against the local kernel engine; prints one JSON object.")
public final class PerfRemoteCommand implements Callable<Integer> {

    static final double ROUND_TRIP_TARGET = 1.3;
    static final int UPLOAD_MB = 100;

    @Option(names = "--n", paramLabel = "N", defaultValue = "300", description = "1+1 round trips to time per engine (default ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--warmup", paramLabel = "CELLS", defaultValue = "1000",
            description = "1+1 cells run first on each engine so the JIT has compiled both clients (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--python", paramLabel = "PATH", description = "Python for the local kernel and the loopback server (default: $CODEACT_PYTHON, then /usr/bin/python3).")
    String python;

    @Mixin
    JupyterOptions jupyter = new JupyterOptions();

    @Override
    public Integer call() throws Exception {
        if (n < 20 || warmup < 0) {
            throw new IllegalArgumentException("--n must be at least 20 and --warmup at least 0");
        }
        Path interpreter = PythonLocator.choose(python);
        Path work = Files.createTempDirectory("codeact-perf-remote-").resolve("work");
        Files.createDirectories(work);
        Map<String, Object> out = new LinkedHashMap<>();
        LoopbackJupyterServer loopback = null;
        try {
            JupyterServerConfig server;
            if (!jupyter.hasUrl()) {
                loopback = LoopbackJupyterServer.start(interpreter, List.of("--ServerApp.iopub_data_rate_limit=0"));
                server = JupyterServerConfig.of(loopback.url(), loopback.token());
                out.put("server", "Jupyter Server started on loopback for this run (" + loopback.url() + ", IOPub rate limit off)");
            } else {
                server = jupyter.server(EngineKind.REMOTE, JsonNodeFactory.instance.objectNode(), System.getenv()).orElseThrow();
                out.put("server", server.url().toString());
            }
            EngineConfig local = EngineConfig.of(interpreter).withWorkingDirectory(work);
            EngineConfig remote = local.withJupyterServer(server);
            warmUp(EngineKind.KERNEL, local);
            warmUp(EngineKind.REMOTE, remote);
            Map<String, Object> kernel = EngineBenchmark.measure(() -> Engines.create(EngineKind.KERNEL, local), n, 0);
            Map<String, Object> far = measureRemote(remote, work.getParent());
            double ratio = (double) far.get("round_trip_median_ms") / (double) kernel.get("round_trip_median_ms");
            out.put("remote", far);
            out.put("kernel", kernel);
            out.put("round_trip_ratio_remote_over_kernel", EngineBenchmark.round(ratio));
            out.put("round_trip_target", "remote ≤ " + ROUND_TRIP_TARGET + " × kernel");
            out.put("round_trip_target_met", ratio <= ROUND_TRIP_TARGET);
            out.put("load_average_1min", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            out.put("cpus", Runtime.getRuntime().availableProcessors());
            System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(out));
            return Main.OK;
        } finally {
            if (loopback != null) {
                loopback.close();
            }
        }
    }

    /**
     * The remote engine's figures; each is taken on its own, so that one that fails (a link that
     * dropped under load, say) is reported with its reason instead of hiding the others.
     */
    private Map<String, Object> measureRemote(EngineConfig config, Path folder) {
        Map<String, Object> figures = new LinkedHashMap<>();
        long started = System.nanoTime();
        try (PythonEngine engine = Engines.create(EngineKind.REMOTE, config)) {
            engine.start();
            figures.put("start_to_ready_ms", EngineBenchmark.millis(System.nanoTime() - started));
            figures.putAll(EngineBenchmark.roundTrip(engine, n));
            figure(figures, "stdout_mb_per_s", () -> EngineBenchmark.round(EngineBenchmark.stdoutThroughput(engine)));
            figure(figures, "figure_1000px_ms", () -> EngineBenchmark.round(EngineBenchmark.figureMillis(engine)));
            figure(figures, "upload_mb_per_s", () -> {
                uploadRate(engine, folder);
                return uploaded.get("upload_mb_per_s");
            });
            figures.put("upload_100mb_s", uploaded.get("upload_100mb_s"));
            figures.put("websocket_format", engine.info().details().get("websocket_format"));
            figures.put("websocket_reconnects", engine.info().details().get("reconnects"));
        }
        return figures;
    }

    private static void figure(Map<String, Object> figures, String name, java.util.function.Supplier<Object> measure) {
        try {
            figures.put(name, measure.get());
        } catch (RuntimeException e) {
            figures.put(name, null);
            figures.put(name + "_failed", e.getMessage());
        }
    }

    private final Map<String, Object> uploaded = new LinkedHashMap<>();

    private void warmUp(EngineKind kind, EngineConfig config) {
        try (PythonEngine engine = Engines.create(kind, config)) {
            engine.start();
            ExecutionRequest cell = ExecutionRequest.of("1+1");
            for (int i = 0; i < warmup; i++) {
                engine.execute(cell, OutputListener.NONE).join();
            }
        }
    }

    /** Uploads a 100 MB file of random bytes into the session's folder on the server, timed. */
    private void uploadRate(PythonEngine engine, Path folder) {
        Path file = folder.resolve("upload-100mb.bin");
        try {
            byte[] block = new byte[1 << 20];
            Random random = new Random(1);
            try (OutputStream stream = Files.newOutputStream(file)) {
                for (int i = 0; i < UPLOAD_MB; i++) {
                    random.nextBytes(block);
                    stream.write(block);
                }
            }
            long t0 = System.nanoTime();
            engine.dataPath(file, TransferProgress.NONE);
            double seconds = (System.nanoTime() - t0) / 1e9;
            uploaded.put("upload_100mb_s", EngineBenchmark.round(seconds));
            uploaded.put("upload_mb_per_s", EngineBenchmark.round(Files.size(file) / 1e6 / seconds));
            engine.run("import os; os.remove('upload-100mb.bin')");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (java.io.IOException ignored) {
                // a temp file
            }
        }
    }
}
