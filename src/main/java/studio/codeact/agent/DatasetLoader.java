package studio.codeact.agent;

import com.fasterxml.jackson.databind.JsonNode;
import studio.codeact.engine.PythonEngine;
import studio.codeact.engine.TransferProgress;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads the analyst's data files into the interpreter. The Python side ({@code datasets.py})
 * sniffs each file — delimiter and encoding of delimited text, every sheet of a workbook, JSON
 * versus JSON Lines, whether Parquet can be read here — and writes plain pandas code; that code
 * becomes the session's first cell, so the notebook and the script load the data the same way.
 */
public final class DatasetLoader {

    static final String SCRIPT = "datasets.py";
    private static final Duration HELPER_TIMEOUT = Duration.ofMinutes(2);

    private DatasetLoader() {
    }

    /**
     * Fails fast, before any engine or model starts, when a file is missing, unreadable, or its
     * bytes cannot be a table (see {@link DataFileCheck}).
     *
     * @throws DatasetException naming the first bad file
     */
    public static void checkReadable(List<Path> files) {
        for (Path file : files) {
            if (!Files.exists(file)) {
                DataFileCheck.checkMissing(file);
                throw new DatasetException("data file not found: " + file);
            }
            if (!Files.isRegularFile(file)) {
                throw new DatasetException("not a data file (a folder or a device): " + file);
            }
            if (!Files.isReadable(file)) {
                throw new DatasetException("data file cannot be read (check its permissions): " + file);
            }
            DataFileCheck.checkContent(file);
        }
    }

    /** What {@code datasets.py} decided for each file, and the cell that loads them all. */
    public record Plan(String code, List<Entry> entries) {
        public Plan {
            entries = List.copyOf(entries);
        }

        public List<String> variables() {
            List<String> names = new ArrayList<>();
            entries.forEach(e -> e.variables().forEach(v -> names.add(v.name())));
            return names;
        }
    }

    public record Entry(String path, String format, List<Variable> variables, List<String> warnings) { }

    /**
     * A variable the loading cell binds.
     *
     * @param lazyInfo for a lazy Dask DataFrame: its sample's variable, size on disk and estimated rows; {@code null} for pandas
     */
    public record Variable(String name, String sheet, LazyPlan lazyInfo) {
        public Variable(String name, String sheet) {
            this(name, sheet, null);
        }
    }

    /** What the plan knows of a lazy dataset before it is loaded. */
    public record LazyPlan(String sample, long sizeBytes, long estimatedRows) { }

    /**
     * A connected Dask cluster.
     *
     * @param scheduler its scheduler's address
     * @param workers   workers
     * @param threads   threads over all workers
     * @param memory    memory limit over all workers, in bytes
     */
    public record Cluster(String scheduler, int workers, int threads, long memory) { }

    /**
     * Plans the loading in the engine's interpreter.
     *
     * @throws DatasetException when a file cannot be loaded at all (unknown workbook engine, Parquet without a reader …)
     */
    public static Plan plan(PythonEngine engine, List<Path> files) {
        return plan(engine, files, TransferProgress.NONE);
    }

    /**
     * Plans the loading; each file is read where the engine says ({@link PythonEngine#dataPath}:
     * the local file, or its copy on a Jupyter server, uploaded with {@code progress}).
     */
    public static Plan plan(PythonEngine engine, List<Path> files, TransferProgress progress) {
        return plan(engine, files, progress, DataOptions.DEFAULTS);
    }

    /** Plans the loading with the given size limits and Dask scheduler ({@link DataOptions}). */
    public static Plan plan(PythonEngine engine, List<Path> files, TransferProgress progress, DataOptions options) {
        List<String> paths = files.stream().map(p -> engine.dataPath(p, progress)).toList();
        JsonNode result = PythonHelper.run(engine, PythonHelper.callCode(SCRIPT, "plan", List.of(paths, List.of(), options.asPython())),
                HELPER_TIMEOUT);
        List<Entry> entries = new ArrayList<>();
        for (JsonNode node : result.path("datasets")) {
            if (node.hasNonNull("error")) {
                throw new DatasetException(node.path("error").asText());
            }
            List<Variable> variables = new ArrayList<>();
            node.path("variables").forEach(v -> variables.add(new Variable(v.path("name").asText(),
                    v.path("sheet").isNull() ? null : v.path("sheet").asText(),
                    v.path("lazy").asBoolean() ? new LazyPlan(v.path("sample").asText(), v.path("size").asLong(),
                            v.path("estimated_rows").asLong()) : null)));
            entries.add(new Entry(node.path("path").asText(), node.path("format").asText(), variables, texts(node.path("warnings"))));
        }
        return new Plan(result.path("code").asText(), entries);
    }

    /** What the loading cell made: shapes, columns, dtypes and (unless {@code sampleRows} is 0) first rows. */
    public static List<Dataset> describe(PythonEngine engine, Plan plan, int sampleRows) {
        Map<String, String> samples = new LinkedHashMap<>();
        plan.entries().forEach(e -> e.variables().stream().filter(v -> v.lazyInfo() != null)
                .forEach(v -> samples.put(v.name(), v.lazyInfo().sample())));
        JsonNode result = PythonHelper.run(engine, PythonHelper.callCode(SCRIPT, "describe", List.of(plan.variables(), sampleRows, samples)),
                HELPER_TIMEOUT);
        List<Dataset> datasets = new ArrayList<>();
        int index = 0;
        for (Entry entry : plan.entries()) {
            for (Variable variable : entry.variables()) {
                JsonNode node = result.path("datasets").path(index++);
                List<Dataset.Column> columns = new ArrayList<>();
                node.path("dtypes").forEach(pair -> columns.add(new Dataset.Column(pair.path(0).asText(), pair.path(1).asText())));
                Dataset.Lazy lazy = null;
                if (node.has("partitions")) {
                    LazyPlan planned = variable.lazyInfo();
                    lazy = new Dataset.Lazy(planned == null ? 0 : planned.sizeBytes(), planned == null ? 0 : planned.estimatedRows(),
                            node.path("partitions").asInt(), planned == null ? variable.name() + "_sample" : planned.sample(),
                            node.path("sample_rows").asLong());
                }
                long rows = lazy == null ? node.path("rows").asLong() : lazy.estimatedRows();
                datasets.add(new Dataset(variable.name(), entry.path(), entry.format(), variable.sheet(), node.path("type").asText(),
                        rows, columns, node.path("sample").asText(), entry.warnings(), lazy));
            }
        }
        return datasets;
    }

    /** The Dask cluster the loading cell connected ({@code client}), if any. */
    public static Optional<Cluster> cluster(PythonEngine engine) {
        JsonNode result = PythonHelper.run(engine, PythonHelper.callCode(SCRIPT, "cluster", List.of()), HELPER_TIMEOUT);
        if (!result.path("connected").asBoolean()) {
            return Optional.empty();
        }
        return Optional.of(new Cluster(result.path("scheduler").asText(), result.path("workers").asInt(), result.path("threads").asInt(),
                result.path("memory").asLong()));
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }
}
