package studio.codeact.cli.perf;

import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import studio.codeact.cli.Errors;
import studio.codeact.cli.Main;
import studio.codeact.engine.EngineConfig;
import studio.codeact.engine.EngineKind;
import studio.codeact.engine.Engines;
import studio.codeact.engine.PythonLocator;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code codeact perf embedded}: measures the embedded engine and the kernel engine in one run,
 * the same way ({@link EngineBenchmark}), and prints
 * {@code {"embedded": {…}, "kernel": {…}, "ratio": {…}}} with ratio = embedded ÷ kernel per figure.
 *
 * <p>Finding the interpreter and asking it about itself ({@link PythonLocator#probe}, about a
 * second, cached per process) happens once before either engine is timed: both engines rely on
 * it, and the application does it once at launch.
 */
@Command(name = "embedded", mixinStandardHelpOptions = true,
        description = "Measure the embedded engine against the kernel engine; prints one JSON object with both and their ratio.")
public final class PerfEmbeddedCommand implements Callable<Integer> {

    static final long TABLE_ROWS = 10_000_000;

    @Option(names = "--n", paramLabel = "N", defaultValue = "1000", description = "1+1 round trips to time after warm-up (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--output-mb", paramLabel = "MB", defaultValue = "1024",
            description = "Megabytes one cell prints for the huge-output figures (MB/s, peak memory); 0 skips them (default: ${DEFAULT-VALUE}).")
    int outputMb;

    @Option(names = "--python", paramLabel = "PATH", description = "Python interpreter (default: $CODEACT_PYTHON, then /usr/bin/python3).")
    String python;

    @Override
    public Integer call() throws Exception {
        if (n < 1) {
            throw new IllegalArgumentException("--n must be at least 1");
        }
        Path interpreter = PythonLocator.choose(python);
        PythonLocator.probe(interpreter);
        EngineConfig config = EngineConfig.of(interpreter);
        Map<String, Object> embedded = measure(EngineKind.EMBEDDED, config);
        Map<String, Object> kernel = measure(EngineKind.KERNEL, config);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("embedded", embedded);
        report.put("kernel", kernel);
        report.put("ratio", ratio(embedded, kernel));
        report.put("sandbox", SandboxComparison.measure(EngineKind.EMBEDDED, config, n));
        System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
        return embedded.containsKey("error") || kernel.containsKey("error") ? Main.FAILED : Main.OK;
    }

    private Map<String, Object> measure(EngineKind kind, EngineConfig config) {
        try {
            Map<String, Object> huge = new LinkedHashMap<>();
            Map<String, Object> figures = new LinkedHashMap<>(EngineBenchmark.measure(() -> Engines.create(kind, config), n, TABLE_ROWS,
                    engine -> huge.putAll(HugeOutputBenchmark.measure(engine, outputMb))));
            figures.putAll(huge);
            return figures;
        } catch (RuntimeException e) {
            return Map.of("error", Errors.sentence(e));
        }
    }

    /** embedded ÷ kernel for every figure both have (not the sample count). */
    static Map<String, Object> ratio(Map<String, Object> embedded, Map<String, Object> kernel) {
        Map<String, Object> ratio = new LinkedHashMap<>();
        embedded.forEach((name, value) -> {
            if (name.equals("round_trip_n")) {
                return;
            }
            if (value instanceof Number mine && kernel.get(name) instanceof Number theirs && theirs.doubleValue() != 0) {
                ratio.put(name, Math.round(mine.doubleValue() / theirs.doubleValue() * 10_000) / 10_000.0);
            }
        });
        return ratio;
    }
}
