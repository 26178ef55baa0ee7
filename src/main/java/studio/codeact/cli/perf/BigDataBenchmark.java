package studio.codeact.cli.perf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import studio.codeact.agent.DataOptions;
import studio.codeact.agent.DatasetLoader;
import studio.codeact.engine.EngineConfig;
import studio.codeact.engine.EngineKind;
import studio.codeact.engine.Engines;
import studio.codeact.engine.ExecutionRequest;
import studio.codeact.engine.ExecutionResult;
import studio.codeact.engine.Output;
import studio.codeact.engine.OutputListener;
import studio.codeact.engine.PythonEngine;
import studio.codeact.engine.TransferProgress;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code codeact perf bigdata}'s measurements: a seeded CSV of three times the memory ceiling,
 * loaded through an engine the way the agent loads data ({@link DatasetLoader} with the ceiling's
 * {@link DataOptions}: a lazy Dask DataFrame), then three questions asked as the model would ask
 * them; and the same questions answered by hand-written chunked pandas and hand-written Dask
 * ({@code bigdata_bench.py}), each in its own process. Peak memory is counted as the ceiling
 * counts it: growth above the idle footprint.
 */
final class BigDataBenchmark {

    static final String SCRIPT = "bigdata_bench.py";
    /** Targets of issue 15: peak under the ceiling plus this, and at most this many times hand-written Dask's time. */
    static final long PEAK_HEADROOM = 300_000_000L;
    static final double TIME_RATIO_TARGET = 1.2;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CELL_TIMEOUT = Duration.ofHours(2);

    private final Path python;
    private final Path script;

    BigDataBenchmark(Path python, Path folder) {
        this.python = python;
        this.script = folder.resolve(SCRIPT);
        try (InputStream in = BigDataBenchmark.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(SCRIPT + " is missing from the application");
            }
            Files.write(script, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the seeded file of about {@code bytes} (streamed: the generator holds one chunk at a time). */
    Map<String, Object> generate(Path file, long bytes) {
        long began = System.nanoTime();
        JsonNode made = step("generate", file.toString(), Long.toString(bytes));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("file_bytes", made.path("bytes").asLong());
        out.put("generate_s", seconds(System.nanoTime() - began));
        return out;
    }

    /** A hand-written baseline ({@code pandas} or {@code dask}) in its own process. */
    JsonNode baseline(String which, Path file) {
        return step(which, file.toString());
    }

    /** Loads the file through an engine of {@code kind} as the agent does, and asks the three questions. */
    Map<String, Object> throughEngine(EngineKind kind, EngineConfig config, Path file, long memoryLimit) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> times = new LinkedHashMap<>();
        Map<String, Object> answers = new LinkedHashMap<>();
        try (PythonEngine engine = Engines.create(kind, config)) {
            engine.start();
            PeakSampler sampler = kind == EngineKind.EMBEDDED ? PeakSampler.start() : null;
            try {
                long began = System.nanoTime();
                DatasetLoader.Plan plan = DatasetLoader.plan(engine, List.of(file), TransferProgress.NONE,
                        new DataOptions(0, memoryLimit, Optional.empty()));
                ExecutionResult loaded = run(engine, plan.code());
                check(loaded, "loading");
                DatasetLoader.describe(engine, plan, 3);
                times.put("load", seconds(System.nanoTime() - began));
                String name = plan.variables().get(0);
                out.put("lazy", plan.entries().get(0).variables().get(0).lazyInfo() != null);
                out.put("partitions", value(run(engine, "print(" + name + ".npartitions)")));
                JsonNode queries = step("queries", name);
                for (Iterator<Map.Entry<String, JsonNode>> it = queries.properties().iterator(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> query = it.next();
                    long started = System.nanoTime();
                    ExecutionResult result = run(engine, "print(" + query.getValue().asText() + ")");
                    times.put(query.getKey(), seconds(System.nanoTime() - started));
                    check(result, query.getKey());
                    answers.put(query.getKey(), JSON.readTree(result.stdout().strip()));
                }
            } finally {
                if (sampler != null) {
                    sampler.stop();
                }
            }
            times.put("total", times.values().stream().mapToDouble(v -> (Double) v).sum());
            out.put("times", times);
            out.put("answers", answers);
            out.put("peak_bytes", sampler != null
                    ? Math.max(0, sampler.peak() - Long.parseLong(engine.info().details().getOrDefault("idle_footprint_bytes", "0")))
                    : kernelPeak(engine));
            out.put("memory_error", false);
        } catch (MemoryErrorException e) {
            out.put("memory_error", true);
            out.put("error", e.getMessage());
        } catch (IOException e) {
            out.put("error", e.getMessage());
        }
        return out;
    }

    /** A kernel's peak resident memory above the footprint its memory guard counts from. */
    private static long kernelPeak(PythonEngine engine) {
        String peak = value(run(engine, "print(__import__('resource').getrusage(__import__('resource').RUSAGE_SELF).ru_maxrss * 1024 "
                + "- __import__('codeact_support').MemoryGuard._started.baseline)"));
        return Long.parseLong(peak.strip());
    }

    private static ExecutionResult run(PythonEngine engine, String code) {
        return engine.execute(new ExecutionRequest(code, CELL_TIMEOUT, false, false), OutputListener.NONE).join();
    }

    private static String value(ExecutionResult result) {
        return result.stdout().strip();
    }

    private static void check(ExecutionResult result, String what) {
        if (result.ok()) {
            return;
        }
        Optional<Output.Error> error = result.error();
        if (error.isPresent() && error.get().ename().contains("MemoryError")) {
            throw new MemoryErrorException(what + ": " + error.get().summary());
        }
        throw new IllegalStateException(what + " failed in the engine: " + error.map(Output.Error::summary).orElse(result.status() + " " + result.note()));
    }

    private JsonNode step(String... args) {
        try {
            List<String> command = new java.util.ArrayList<>(List.of(python.toString(), script.toString()));
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("the benchmark's " + args[0] + " step failed (exit " + process.exitValue() + ")");
            }
            List<String> lines = out.strip().lines().toList();
            return JSON.readTree(lines.get(lines.size() - 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static double seconds(long nanos) {
        return Math.round(nanos / 1e6) / 1000.0;
    }

    /** A whole-frame MemoryError met while measuring (a failed target, not a crash). */
    static final class MemoryErrorException extends RuntimeException {
        MemoryErrorException(String message) {
            super(message);
        }
    }

    /**
     * This process's peak resident memory less the JVM's committed heap, as the embedded engine's
     * ceiling counts it, sampled every 10 ms on its own thread.
     */
    static final class PeakSampler {
        private final Thread thread;
        private volatile boolean running = true;
        private volatile long peak;

        private PeakSampler() {
            thread = Thread.ofPlatform().name("codeact-perf-memory").daemon(true).start(this::loop);
        }

        static PeakSampler start() {
            return new PeakSampler();
        }

        private void loop() {
            long page = 4096;
            while (running) {
                try {
                    String[] fields = Files.readString(Path.of("/proc/self/statm"), StandardCharsets.US_ASCII).trim().split(" ");
                    peak = Math.max(peak, Long.parseLong(fields[1]) * page - Runtime.getRuntime().totalMemory());
                    TimeUnit.MILLISECONDS.sleep(10);
                } catch (IOException | RuntimeException e) {
                    return;
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stop() {
            running = false;
            thread.interrupt();
        }

        long peak() {
            return peak;
        }
    }
}
