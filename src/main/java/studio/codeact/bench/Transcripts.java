package studio.codeact.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import studio.codeact.llm.ChatMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code transcripts/<model>/<mode>/<task>.json}: each run's conversation in the CodeActInstruct
 * shape ({@code {"id": …, "conversations": [{"role": …, "content": …}]}}), with its outcome.
 * A resumed run overwrites its earlier transcript.
 */
public final class Transcripts {

    public static final String FOLDER = "transcripts";

    private final Path root;

    public Transcripts(Path out) {
        this.root = out.resolve(FOLDER);
    }

    /** Where a run's transcript goes. */
    public Path path(RunKey key) {
        return root.resolve(safe(key.model())).resolve(key.mode().id()).resolve(safe(key.task()) + ".json");
    }

    public void write(EpisodeResult episode) {
        TaskResult result = episode.result();
        List<Map<String, String>> turns = new ArrayList<>();
        for (ChatMessage message : episode.conversation()) {
            switch (message) {
                case ChatMessage.System system -> turns.add(Map.of("role", "system", "content", system.text()));
                case ChatMessage.User user -> turns.add(Map.of("role", "user", "content", user.text()));
                case ChatMessage.Assistant assistant -> turns.add(Map.of("role", "assistant", "content", assistant.text()));
                case ChatMessage.ToolResult tool -> turns.add(Map.of("role", "tool", "content", tool.content()));
            }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", result.key().toString());
        json.put("outcome", result.outcome().id());
        json.put("answer", result.answer());
        json.put("error", result.error());
        json.put("conversations", turns);
        Path file = path(result.key());
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, BenchPython.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json), StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    /** A file-name-safe form of a model label or task id ("org/model:7b" → "org_model_7b"). */
    static String safe(String name) {
        String cleaned = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return cleaned.isEmpty() || cleaned.startsWith(".") ? "_" + cleaned : cleaned;
    }
}
