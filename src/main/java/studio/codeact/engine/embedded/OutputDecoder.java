package studio.codeact.engine.embedded;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import studio.codeact.engine.MimeBundle;
import studio.codeact.engine.Output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the records {@code codeact_io.py} emits into {@link Output}s: stream records are UTF-8
 * text; display, result and error records are UTF-8 JSON shaped like Jupyter's messages, except a
 * result with nothing but plain text (most of them), which skips JSON on both sides.
 */
final class OutputDecoder {

    static final int STDOUT = 1;
    static final int STDERR = 2;
    static final int DISPLAY = 3;
    static final int RESULT = 4;
    static final int ERROR = 5;
    /** A result that is plain text only: {@code <count>\n<text>}, no JSON. */
    static final int PLAIN_RESULT = 6;

    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private OutputDecoder() {
    }

    static Output decode(int kind, byte[] payload) {
        return switch (kind) {
            case STDOUT -> new Output.Stream(Output.StreamName.STDOUT, new String(payload, StandardCharsets.UTF_8));
            case STDERR -> new Output.Stream(Output.StreamName.STDERR, new String(payload, StandardCharsets.UTF_8));
            case DISPLAY -> {
                JsonNode node = tree(payload);
                yield new Output.Display(bundle(node.path("data")), metadata(node.path("metadata")));
            }
            case RESULT -> {
                JsonNode node = tree(payload);
                yield new Output.Result(node.path("count").asInt(), bundle(node.path("data")), metadata(node.path("metadata")));
            }
            case PLAIN_RESULT -> {
                String text = new String(payload, StandardCharsets.UTF_8);
                int newline = text.indexOf('\n');
                yield new Output.Result(Integer.parseInt(text, 0, newline, 10), MimeBundle.of(MimeBundle.TEXT_PLAIN, text.substring(newline + 1)), Map.of());
            }
            case ERROR -> {
                JsonNode node = tree(payload);
                List<String> traceback = new ArrayList<>();
                node.path("traceback").forEach(line -> traceback.add(line.asText()));
                yield new Output.Error(node.path("ename").asText(), node.path("evalue").asText(), traceback);
            }
            default -> throw new IllegalArgumentException("unknown output record kind " + kind);
        };
    }

    private static JsonNode tree(byte[] payload) {
        try (JsonParser parser = JSON.createParser(payload)) {
            return JSON.readTree(parser);
        } catch (IOException e) {
            throw new UncheckedIOException("an output record from Python is not JSON", e);
        }
    }

    /** Text types as text; JSON types (a table schema, {@code application/json}) as their JSON text. */
    static MimeBundle bundle(JsonNode data) {
        Map<String, String> values = new LinkedHashMap<>();
        data.properties().forEach(entry -> values.put(entry.getKey(),
                entry.getValue().isTextual() ? entry.getValue().asText() : entry.getValue().toString()));
        return new MimeBundle(values);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata(JsonNode node) {
        if (!node.isObject() || node.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> map = JSON.convertValue(node, Map.class);
        map.values().removeIf(value -> value == null);
        return map;
    }
}
