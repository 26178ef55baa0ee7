package studio.codeact.engine.jupyter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import studio.codeact.engine.MimeBundle;
import studio.codeact.engine.Output;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Turns iopub messages into {@link Output} records. Stateless. */
final class Outputs {

    /** CSI sequences (colours, cursor moves) and OSC sequences (titles, links). */
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-?]*[ -/]*[@-~]|\u001B\\][^\u0007\u001B]*(\u0007|\u001B\\\\)|\u001B[@-Z\\\\-_]");
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private Outputs() {
    }

    /** The output an iopub message carries, or empty for status, execute_input, clear_output and the like. */
    static Optional<Output> from(JupyterMessage message, ObjectMapper json) {
        JsonNode content = message.content();
        return switch (message.msgType()) {
            case "stream" -> Optional.of(new Output.Stream(Output.StreamName.fromWire(content.path("name").asText()),
                    content.path("text").asText("")));
            case "display_data", "update_display_data" -> Optional.of(new Output.Display(
                    bundle(content.path("data"), json, false), metadata(content.path("metadata"), json)));
            case "execute_result" -> Optional.of(new Output.Result(content.path("execution_count").asInt(0),
                    bundle(content.path("data"), json, false), metadata(content.path("metadata"), json)));
            case "error" -> Optional.of(error(content));
            default -> Optional.empty();
        };
    }

    /** An {@code error} content (iopub message, reply, or user expression), without ANSI codes. */
    static Output.Error error(JsonNode content) {
        List<String> traceback = new ArrayList<>();
        content.path("traceback").forEach(line -> traceback.add(stripAnsi(line.asText())));
        return new Output.Error(stripAnsi(content.path("ename").asText("Error")), stripAnsi(content.path("evalue").asText("")), traceback);
    }

    /**
     * A mime bundle: text values as text, JSON values ({@code application/json}, table schema) as
     * JSON text. {@code plainText} strips ANSI codes from every text value (used for inspection).
     */
    static MimeBundle bundle(JsonNode data, ObjectMapper json, boolean plainText) {
        Map<String, String> values = new LinkedHashMap<>();
        data.properties().forEach(entry -> {
            JsonNode value = entry.getValue();
            String text;
            if (value.isTextual()) {
                text = value.asText();
            } else {
                try {
                    text = json.writeValueAsString(value);
                } catch (JsonProcessingException e) {
                    text = value.toString();
                }
            }
            values.put(entry.getKey(), plainText ? stripAnsi(text) : text);
        });
        return new MimeBundle(values);
    }

    static Map<String, Object> metadata(JsonNode metadata, ObjectMapper json) {
        if (!metadata.isObject() || metadata.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> map = new LinkedHashMap<>(json.convertValue(metadata, MAP));
        map.values().removeIf(java.util.Objects::isNull);
        return map;
    }

    static String stripAnsi(String text) {
        return text.indexOf('\u001B') < 0 ? text : ANSI.matcher(text).replaceAll("");
    }
}
