package studio.codeact.cli.perf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import studio.codeact.agent.DataOptions;
import studio.codeact.cli.Main;
import studio.codeact.engine.EngineConfig;
import studio.codeact.engine.EngineKind;
import studio.codeact.engine.PythonLocator;
import studio.codeact.engine.sandbox.SandboxConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code codeact perf bigdata [--memory-limit SIZE]}: a seeded CSV of three times the memory
 * ceiling, loaded and questioned through the engine as the agent would (a group-by sum, a
 * filtered count, a top-10), against hand-written chunked pandas and hand-written Dask on the
 * same file in the same run ({@link BigDataBenchmark}). Prints each time, the answers (which must
 * agree), the peak memory counted as the ceiling counts it, and whether the targets are met: no
 * MemoryError, peak under the ceiling + 300 MB, time at most 1.2 × hand-written Dask.
 */
@Command(name = "bigdata", mixinStandardHelpOptions = true,
        description = "Data three times the memory ceiling: the engine's lazy loading against chunked pandas and plain Dask; prints one JSON object.")
public final class PerfBigDataCommand implements Callable<Integer> {

    @Option(names = "--memory-limit", paramLabel = "SIZE", defaultValue = "1G",
            description = "The engine's memory ceiling; the file is three times it (default: ${DEFAULT-VALUE}).")
    String memoryLimit;

    @Option(names = "--engine", paramLabel = "embedded|kernel", defaultValue = "embedded", description = "Engine to measure (default: ${DEFAULT-VALUE}).")
    String engine;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where the file is written (default: the system's temporary folder); it is deleted afterwards.")
    Path dir;

    @Option(names = "--python", paramLabel = "PATH", description = "Python interpreter (default: $CODEACT_PYTHON, then /usr/bin/python3).")
    String python;

    @Override
    public Integer call() throws Exception {
        long limit = DataOptions.parseSize(memoryLimit, "--memory-limit");
        EngineKind kind = EngineKind.parse(engine);
        if (kind == EngineKind.REMOTE) {
            throw new IllegalArgumentException("perf bigdata measures a local engine: --engine embedded or kernel");
        }
        Path interpreter = PythonLocator.chooseReady(python);
        Path folder = Files.createTempDirectory(dir == null ? Path.of(System.getProperty("java.io.tmpdir")) : dir, "codeact-bigdata-");
        Path file = folder.resolve("orders.csv");
        try {
            BigDataBenchmark bench = new BigDataBenchmark(interpreter, folder);
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("memory_limit_bytes", limit);
            report.put("engine", kind.id());
            report.putAll(bench.generate(file, limit * 3));
            Path work = Files.createDirectories(folder.resolve("work"));
            EngineConfig config = EngineConfig.of(interpreter).withMemoryLimit(limit).withWorkingDirectory(work)
                    .withSandbox(SandboxConfig.defaults().withReadable(List.of(file)));
            Map<String, Object> mine = bench.throughEngine(kind, config, file, limit);
            JsonNode pandas = bench.baseline("pandas", file);
            JsonNode dask = bench.baseline("dask", file);
            report.put("engine_run", mine);
            report.put("chunked_pandas", pandas);
            report.put("hand_written_dask", dask);
            ObjectMapper json = new ObjectMapper();
            JsonNode answers = json.valueToTree(mine.getOrDefault("answers", Map.of()));
            boolean agree = !answers.isEmpty() && same(answers, pandas.path("answers")) && same(answers, dask.path("answers"));
            report.put("answers_agree", agree);
            boolean noMemoryError = !Boolean.TRUE.equals(mine.get("memory_error")) && !mine.containsKey("error");
            long peak = mine.get("peak_bytes") instanceof Number n ? n.longValue() : Long.MAX_VALUE;
            double total = json.valueToTree(mine.getOrDefault("times", Map.of())).path("total").asDouble(Double.NaN);
            double ratio = total / dask.path("times").path("total").asDouble();
            Map<String, Object> targets = new LinkedHashMap<>();
            targets.put("no_memory_error", noMemoryError);
            targets.put("peak_mb", peak == Long.MAX_VALUE ? null : Math.round(peak / 1e6));
            targets.put("peak_limit_mb", Math.round((limit + BigDataBenchmark.PEAK_HEADROOM) / 1e6));
            targets.put("peak_under_limit", peak <= limit + BigDataBenchmark.PEAK_HEADROOM);
            targets.put("time_vs_dask", Double.isNaN(ratio) ? null : Math.round(ratio * 1000) / 1000.0);
            targets.put("time_within_1_2x_dask", ratio <= BigDataBenchmark.TIME_RATIO_TARGET);
            report.put("targets", targets);
            System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(report));
            return noMemoryError && agree ? Main.OK : Main.FAILED;
        } finally {
            deleteTree(folder);
        }
    }

    /** Equal answers; sums may differ in the last places (they are added in another order). */
    static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            double x = a.asDouble();
            double y = b.asDouble();
            return Math.abs(x - y) <= 1e-9 * Math.max(1, Math.max(Math.abs(x), Math.abs(y))) + 0.011;
        }
        if (a.isContainerNode() && b.isContainerNode() && a.size() == b.size()) {
            if (a.isArray()) {
                for (int i = 0; i < a.size(); i++) {
                    if (!same(a.get(i), b.get(i))) {
                        return false;
                    }
                }
                return true;
            }
            for (Iterator<String> names = a.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!b.has(name) || !same(a.get(name), b.get(name))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    private static void deleteTree(Path folder) throws IOException {
        try (var paths = Files.walk(folder)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
