package studio.codeact.agent;

import com.fasterxml.jackson.databind.JsonNode;
import studio.codeact.engine.PythonEngine;
import studio.codeact.engine.TransferProgress;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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

    public record Variable(String name, String sheet) { }

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
        List<String> paths = files.stream().map(p -> engine.dataPath(p, progress)).toList();
        JsonNode result = PythonHelper.run(engine, PythonHelper.callCode(SCRIPT, "plan", List.of(paths, List.of())), HELPER_TIMEOUT);
        List<Entry> entries = new ArrayList<>();
        for (JsonNode node : result.path("datasets")) {
            if (node.hasNonNull("error")) {
                throw new DatasetException(node.path("error").asText());
            }
            List<Variable> variables = new ArrayList<>();
            node.path("variables").forEach(v -> variables.add(new Variable(v.path("name").asText(),
                    v.path("sheet").isNull() ? null : v.path("sheet").asText())));
            entries.add(new Entry(node.path("path").asText(), node.path("format").asText(), variables, texts(node.path("warnings"))));
        }
        return new Plan(result.path("code").asText(), entries);
    }

    /** What the loading cell made: shapes, columns, dtypes and (unless {@code sampleRows} is 0) first rows. */
    public static List<Dataset> describe(PythonEngine engine, Plan plan, int sampleRows) {
        JsonNode result = PythonHelper.run(engine, PythonHelper.callCode(SCRIPT, "describe", List.of(plan.variables(), sampleRows)),
                HELPER_TIMEOUT);
        List<Dataset> datasets = new ArrayList<>();
        int index = 0;
        for (Entry entry : plan.entries()) {
            for (Variable variable : entry.variables()) {
                JsonNode node = result.path("datasets").path(index++);
                List<Dataset.Column> columns = new ArrayList<>();
                node.path("dtypes").forEach(pair -> columns.add(new Dataset.Column(pair.path(0).asText(), pair.path(1).asText())));
                datasets.add(new Dataset(variable.name(), entry.path(), entry.format(), variable.sheet(), node.path("type").asText(),
                        node.path("rows").asLong(), columns, node.path("sample").asText(), entry.warnings()));
            }
        }
        return datasets;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }
}
