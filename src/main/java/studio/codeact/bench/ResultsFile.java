package studio.codeact.bench;

import studio.codeact.agent.ActionFormat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code results.jsonl}: one line per finished run, appended and flushed as each run ends, so an
 * interrupted benchmark loses at most the runs in flight. A torn last line (the process killed
 * mid-write) is skipped when reading and closed off before the next append.
 */
public final class ResultsFile {

    public static final String NAME = "results.jsonl";

    private final Path path;
    private int skippedLines;

    public ResultsFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /** Appends one result as a line and forces it to disk. Safe to call from several workers. */
    public synchronized void append(TaskResult result) {
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            String line = BenchPython.JSON.writeValueAsString(toJson(result)) + "\n";
            if (Files.exists(path) && Files.size(path) > 0 && !endsWithNewline()) {
                line = "\n" + line;
            }
            Files.writeString(path, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE, StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + path, e);
        }
    }

    /** Every readable result, in file order (empty when the file does not exist yet). */
    public synchronized List<TaskResult> read() {
        skippedLines = 0;
        if (!Files.exists(path)) {
            return List.of();
        }
        List<TaskResult> results = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    results.add(fromJson(BenchPython.JSON.readTree(line)));
                } catch (JsonProcessingException | RuntimeException e) {
                    skippedLines++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + path, e);
        }
        return results;
    }

    /** Lines the last {@link #read()} could not parse (a torn line from an interrupted run). */
    public int skippedLines() {
        return skippedLines;
    }

    /** The last result of each run: a resumed run's result replaces the failed one before it. */
    public static Map<RunKey, TaskResult> latest(List<TaskResult> results) {
        Map<RunKey, TaskResult> latest = new LinkedHashMap<>();
        for (TaskResult result : results) {
            latest.remove(result.key());
            latest.put(result.key(), result);
        }
        return latest;
    }

    static Map<String, Object> toJson(TaskResult result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("task", result.task());
        json.put("class", result.taskClass().id());
        json.put("mode", result.mode().id());
        json.put("model", result.model());
        json.put("success", result.success());
        json.put("outcome", result.outcome().id());
        json.put("turns", result.turns());
        json.put("actions", result.actions());
        json.put("tokens", result.tokens());
        json.put("prompt_tokens", result.promptTokens());
        json.put("completion_tokens", result.completionTokens());
        json.put("seconds", result.seconds());
        json.put("answer", result.answer());
        json.put("error", result.error());
        json.put("graded_by", result.gradedBy());
        if (result.expected() != null) {
            json.put("expected", result.expected());
        }
        return json;
    }

    static TaskResult fromJson(JsonNode json) {
        return new TaskResult(json.get("task").asText(), TaskClass.parse(json.get("class").asText()),
                ActionFormat.parse(json.get("mode").asText()), json.get("model").asText(),
                Outcome.parse(json.get("outcome").asText()), json.get("turns").asInt(), json.path("actions").asInt(),
                json.path("prompt_tokens").asLong(-1), json.path("completion_tokens").asLong(-1),
                json.path("seconds").asDouble(), text(json.get("answer")), text(json.get("error")),
                text(json.get("graded_by")), text(json.get("expected")));
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private boolean endsWithNewline() throws IOException {
        try (var channel = java.nio.channels.FileChannel.open(path, StandardOpenOption.READ)) {
            var last = java.nio.ByteBuffer.allocate(1);
            channel.read(last, channel.size() - 1);
            return last.get(0) == '\n';
        }
    }
}
