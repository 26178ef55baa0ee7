package studio.codeact.gui.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A scripted demo conversation about one sample data set ({@code samples/demos/*.demo.json},
 * format 1): the assistant's words are written in advance, its code runs live.
 */
public record Demo(Path file, String title, String dataset, String summary, String label, List<Turn> turns) {

    public static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    public Demo {
        turns = List.copyOf(turns);
    }

    /** One step of the conversation. */
    public sealed interface Turn {
        record User(String text) implements Turn { }

        /** Scripted words, then (when {@code code} is not empty) one code action. */
        record Assistant(String text, String code) implements Turn { }
    }

    /** The title, as a picker lists it. */
    @Override
    public String toString() {
        return title;
    }

    /** Reads a demo file; refuses formats it does not know. */
    public static Demo read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the demo " + file + ": " + e.getMessage(), e);
        }
        if (root.path("format").asInt() != FORMAT) {
            throw new IllegalArgumentException("the demo " + file.getFileName() + " has format " + root.path("format").asText("?")
                    + "; this version plays format " + FORMAT);
        }
        List<Turn> turns = new ArrayList<>();
        for (JsonNode turn : root.path("turns")) {
            if (turn.has("user")) {
                turns.add(new Turn.User(turn.get("user").asText()));
            } else {
                List<String> lines = new ArrayList<>();
                turn.path("code").forEach(line -> lines.add(line.asText()));
                turns.add(new Turn.Assistant(turn.path("assistant").asText(""), String.join("\n", lines)));
            }
        }
        return new Demo(file, root.path("title").asText(file.getFileName().toString()), root.path("dataset").asText(""),
                root.path("summary").asText(""), root.path("label").asText("Scripted demo."), turns);
    }
}
