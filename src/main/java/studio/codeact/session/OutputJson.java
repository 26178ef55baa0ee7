package studio.codeact.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import studio.codeact.engine.MimeBundle;
import studio.codeact.engine.Output;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Outputs as JSON in the nbformat 4 shape ({@code stream}, {@code display_data},
 * {@code execute_result}, {@code error}), used both in {@code session.json} and in the exported
 * notebook. In {@code session.json} a PNG is not inlined: the output names its file in
 * {@code figures/} under a {@code "codeact_figure"} key instead.
 */
final class OutputJson {

    static final String FIGURE_KEY = "codeact_figure";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private OutputJson() {
    }

    /**
     * @param figure the file holding this output's PNG, or {@code null} to inline the PNG
     * @param lines  write text as a list of lines (the notebook's customary form) instead of one string
     */
    static ObjectNode write(Output output, String figure, boolean lines) {
        ObjectNode node = NODES.objectNode();
        switch (output) {
            case Output.Stream stream -> {
                node.put("output_type", "stream");
                node.put("name", stream.name().wireName());
                node.set("text", text(stream.text(), lines));
            }
            case Output.Display display -> {
                node.put("output_type", "display_data");
                node.set("data", bundle(display.data(), figure, lines));
                node.set("metadata", MAPPER.valueToTree(display.metadata()));
                if (figure != null && display.data().has(MimeBundle.IMAGE_PNG)) {
                    node.put(FIGURE_KEY, figure);
                }
            }
            case Output.Result result -> {
                node.put("output_type", "execute_result");
                if (result.executionCount() > 0) {
                    node.put("execution_count", result.executionCount());
                } else {
                    node.putNull("execution_count");
                }
                node.set("data", bundle(result.data(), figure, lines));
                node.set("metadata", MAPPER.valueToTree(result.metadata()));
                if (figure != null && result.data().has(MimeBundle.IMAGE_PNG)) {
                    node.put(FIGURE_KEY, figure);
                }
            }
            case Output.Error error -> {
                node.put("output_type", "error");
                node.put("ename", error.ename());
                node.put("evalue", error.evalue());
                ArrayNode traceback = node.putArray("traceback");
                error.traceback().forEach(traceback::add);
            }
        }
        return node;
    }

    /**
     * Reads an output back.
     *
     * @param figures loads a figure file named by {@link #FIGURE_KEY} as base64 (empty when it is missing)
     */
    static Output read(JsonNode node, Function<String, Optional<String>> figures) {
        String type = node.path("output_type").asText();
        return switch (type) {
            case "stream" -> new Output.Stream(Output.StreamName.fromWire(node.path("name").asText()), joined(node.path("text")));
            case "display_data" -> new Output.Display(readBundle(node, figures), metadata(node.path("metadata")));
            case "execute_result" -> new Output.Result(node.path("execution_count").asInt(0), readBundle(node, figures),
                    metadata(node.path("metadata")));
            case "error" -> {
                List<String> traceback = new ArrayList<>();
                node.path("traceback").forEach(line -> traceback.add(line.asText()));
                yield new Output.Error(node.path("ename").asText(), node.path("evalue").asText(), traceback);
            }
            default -> throw new SessionException("unknown output type '" + type + "'");
        };
    }

    /** True for mime types whose value is JSON (nbformat keeps them as JSON, not as text). */
    static boolean isJsonMime(String mime) {
        return mime.equals(MimeBundle.APPLICATION_JSON) || mime.endsWith("+json");
    }

    private static ObjectNode bundle(MimeBundle data, String figure, boolean lines) {
        ObjectNode node = NODES.objectNode();
        for (Map.Entry<String, String> item : data.data().entrySet()) {
            String mime = item.getKey();
            if (mime.equals(MimeBundle.IMAGE_PNG)) {
                if (figure == null) {
                    node.put(mime, item.getValue().replace("\n", ""));
                }
            } else if (isJsonMime(mime)) {
                try {
                    node.set(mime, MAPPER.readTree(item.getValue()));
                } catch (JsonProcessingException e) {
                    // Not JSON after all: leave it out rather than write an invalid bundle.
                }
            } else {
                node.set(mime, text(item.getValue(), lines));
            }
        }
        return node;
    }

    private static MimeBundle readBundle(JsonNode output, Function<String, Optional<String>> figures) {
        Map<String, String> data = new LinkedHashMap<>();
        output.path("data").properties().forEach(item -> {
            String mime = item.getKey();
            JsonNode value = item.getValue();
            data.put(mime, isJsonMime(mime) && !value.isTextual() ? value.toString() : joined(value));
        });
        JsonNode figure = output.get(FIGURE_KEY);
        if (figure != null && !data.containsKey(MimeBundle.IMAGE_PNG)) {
            figures.apply(figure.asText()).ifPresent(base64 -> data.put(MimeBundle.IMAGE_PNG, base64));
        }
        return new MimeBundle(data);
    }

    private static Map<String, Object> metadata(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = MAPPER.convertValue(node, LinkedHashMap.class);
        return map;
    }

    /** Text as one string, or as nbformat's list of lines (each keeping its newline). */
    static JsonNode text(String text, boolean lines) {
        if (!lines) {
            return NODES.textNode(text);
        }
        ArrayNode array = NODES.arrayNode();
        int start = 0;
        while (start < text.length()) {
            int newline = text.indexOf('\n', start);
            int end = newline < 0 ? text.length() : newline + 1;
            array.add(text.substring(start, end));
            start = end;
        }
        return array;
    }

    /** A string, or a list of strings joined. */
    static String joined(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "";
        }
        if (value.isArray()) {
            StringBuilder text = new StringBuilder();
            value.forEach(part -> text.append(part.asText()));
            return text.toString();
        }
        return value.asText();
    }
}
