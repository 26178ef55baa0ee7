package studio.codeact.cli.perf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import studio.codeact.cli.Main;
import studio.codeact.engine.EngineConfig;
import studio.codeact.engine.EngineException;
import studio.codeact.engine.EngineKind;
import studio.codeact.engine.Engines;
import studio.codeact.engine.ExecutionRequest;
import studio.codeact.engine.ExecutionResult;
import studio.codeact.engine.ExecutionStatus;
import studio.codeact.engine.OutputListener;
import studio.codeact.engine.PythonEngine;
import studio.codeact.engine.PythonLocator;
import studio.codeact.engine.PythonSupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code codeact perf kernel}: the kernel engine's figures ({@link EngineBenchmark}) beside
 * Python's own {@code jupyter_client} on the same kernel in the same run
 * ({@code jupyter_client_roundtrip.py}), as one JSON object.
 *
 * <p>Targets: our {@code 1+1} median ≤ 0.8 × jupyter_client's; our start-to-ready within 50 ms
 * of a bare kernel start. Start times are medians of {@code --starts} alternating samples in a
 * warm JVM; the first start of the run (cold JVM) is printed too. The round trip is measured
 * after {@code --warmup} cells, so that both clients are compared in their steady state.
 */
@Command(name = "kernel", mixinStandardHelpOptions = true,
        description = "Measure the Jupyter kernel engine against Python's jupyter_client; prints one JSON object.")
public final class PerfKernelCommand implements Callable<Integer> {

    static final String SCRIPT = "kernel/jupyter_client_roundtrip.py";
    static final double ROUND_TRIP_TARGET = 0.8;
    static final double START_TARGET_MS = 50;

    @Option(names = "--n", paramLabel = "N", defaultValue = "200", description = "1+1 round trips to time after warm-up (default ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--starts", paramLabel = "K", defaultValue = "3", description = "start-to-ready samples per side, also kernels per side with and without the sandbox (at least 3; default ${DEFAULT-VALUE}).")
    int starts;

    @Option(names = "--warmup", paramLabel = "CELLS", defaultValue = "2000",
            description = "1+1 cells run first on a throw-away kernel so the JIT has compiled the client (default ${DEFAULT-VALUE}; 0 measures a cold JVM).")
    int warmup;

    @Option(names = "--output-mb", paramLabel = "MB", defaultValue = "1024",
            description = "Megabytes one cell prints for the huge-output figures (MB/s, peak memory); 0 skips them (default: ${DEFAULT-VALUE}).")
    int outputMb;

    @Option(names = "--python", paramLabel = "PATH", description = "Python interpreter (default: $CODEACT_PYTHON, then /usr/bin/python3).")
    String python;

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public Integer call() throws Exception {
        if (n < 1 || starts < 1 || warmup < 0) {
            throw new IllegalArgumentException("--n and --starts must be at least 1, --warmup at least 0");
        }
        Path interpreter = PythonLocator.choose(python);
        EngineConfig config = EngineConfig.of(interpreter);
        Path script = PythonSupport.copyResource(SCRIPT, Files.createTempFile("codeact-perf-", ".py"));
        try {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("engine", "kernel");
            out.put("python", interpreter.toString());
            out.putAll(coldStartAndWarmUp(config));
            Map<String, Object> after = new LinkedHashMap<>();
            Map<String, Object> ours = EngineBenchmark.measure(() -> Engines.create(EngineKind.KERNEL, config), n, 0, engine -> {
                after.put("support_setup_ms", Double.parseDouble(engine.info().details().getOrDefault("support_setup_ms", "0")));
                after.put("same_kernel_interleaved", new JupyterClientComparison().compare(engine, interpreter, script,
                        Path.of(engine.info().details().get("connection_file")), n));
                after.putAll(HugeOutputBenchmark.measure(engine, outputMb));
            });
            out.putAll(ours);
            out.putAll(after);
            @SuppressWarnings("unchecked")
            Map<String, Object> compared = (Map<String, Object>) after.get("same_kernel_interleaved");
            double ratio = (double) compared.get("ratio_ours_over_jupyter_client");
            out.put("round_trip_ratio_ours_over_jupyter_client", ratio);
            out.put("round_trip_target_met", ratio <= ROUND_TRIP_TARGET);
            out.put("death_report_ms", deathReportMillis(config));
            out.putAll(startTimes(config, interpreter, script));
            out.put("sandbox", SandboxComparison.measure(EngineKind.KERNEL, config, n, Math.max(starts, SandboxComparison.ROUNDS)));
            out.put("load_average_1min", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            out.put("cpus", Runtime.getRuntime().availableProcessors());
            System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(out));
            return Main.OK;
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /** From sending a cell that ends the kernel's process to its DIED result (the process exit, seen and reported). */
    private static double deathReportMillis(EngineConfig config) {
        try (PythonEngine engine = Engines.create(EngineKind.KERNEL, config)) {
            engine.start();
            engine.execute(ExecutionRequest.of("pass"), OutputListener.NONE).join();
            long t0 = System.nanoTime();
            ExecutionResult died = engine.execute(ExecutionRequest.of("import os\nos._exit(1)"), OutputListener.NONE).join();
            double ms = (System.nanoTime() - t0) / 1e6;
            if (died.status() != ExecutionStatus.DIED) {
                throw new IllegalStateException("the death benchmark's cell ended " + died.status() + ", not DIED");
            }
            return Math.round(ms * 10) / 10.0;
        }
    }

    /**
     * The first start in this JVM (class loading included), then {@code --warmup} cells on that
     * kernel: CPython has no JIT, the JVM does, and without this the first few thousand messages
     * run partly interpreted (measured: ~10 ms instead of ~5.6 ms per 1+1 on this machine).
     */
    private Map<String, Object> coldStartAndWarmUp(EngineConfig config) {
        Map<String, Object> out = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        try (PythonEngine engine = Engines.create(EngineKind.KERNEL, config)) {
            engine.start();
            out.put("start_to_ready_cold_jvm_ms", EngineBenchmark.millis(System.nanoTime() - t0));
            ExecutionRequest cell = ExecutionRequest.of("1+1");
            for (int i = 0; i < warmup; i++) {
                engine.execute(cell, OutputListener.NONE).join();
            }
        }
        out.put("jvm_warmup_cells", warmup);
        return out;
    }

    /** Alternating samples: our engine's start() (warm JVM), then a bare jupyter_client start. */
    private Map<String, Object> startTimes(EngineConfig config, Path interpreter, Path script) {
        List<Double> ourStarts = new ArrayList<>();
        List<Double> bare = new ArrayList<>();
        List<Double> bareSameRule = new ArrayList<>();
        for (int i = 0; i < starts; i++) {
            long t0 = System.nanoTime();
            try (PythonEngine engine = Engines.create(EngineKind.KERNEL, config)) {
                engine.start();
                ourStarts.add(EngineBenchmark.millis(System.nanoTime() - t0));
            }
            JsonNode sample = runScript(interpreter, script, "start", "--python", interpreter.toString());
            bare.add(sample.path("start_new_kernel_ms").asDouble());
            bareSameRule.add(sample.path("kernel_info_ready_ms").asDouble());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("start_to_ready_warm_ms", ourStarts);
        out.put("bare_start_new_kernel_ms", bare);
        out.put("bare_kernel_info_ready_ms", bareSameRule);
        double ourMedian = median(ourStarts);
        double bareMedian = median(bare);
        out.put("start_to_ready_warm_median_ms", ourMedian);
        out.put("bare_start_new_kernel_median_ms", bareMedian);
        out.put("bare_kernel_info_ready_median_ms", median(bareSameRule));
        out.put("start_minus_bare_ms", EngineBenchmark.round(ourMedian - bareMedian));
        out.put("start_target_met", ourMedian - bareMedian <= START_TARGET_MS);
        return out;
    }

    private JsonNode runScript(Path interpreter, Path script, String... args) {
        List<String> command = new ArrayList<>(List.of(interpreter.toString(), script.toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] stdout = process.getInputStream().readAllBytes();
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new EngineException("the jupyter_client comparison failed (" + String.join(" ", command)
                        + "); is python3-jupyter-client installed for " + interpreter + "?");
            }
            return json.readTree(new String(stdout, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("could not run the jupyter_client comparison", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while running the jupyter_client comparison", e);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
