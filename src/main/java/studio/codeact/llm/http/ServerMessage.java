package studio.codeact.llm.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a server said in an error body, pulled out of the shapes servers use:
 * {@code {"error":{"message":…,"type":…,"code":…}}} (OpenAI, Anthropic, vLLM, OpenRouter),
 * {@code {"error":"…"}} (Ollama, llama.cpp), {@code {"message":…}} or {@code {"detail":…}};
 * anything else is the start of the body as text.
 *
 * @param message one line, at most {@value #MAX_LENGTH} characters, empty when there was nothing
 * @param type    the error type or code the server gave ({@code insufficient_quota},
 *                {@code overloaded_error}…), or empty
 */
public record ServerMessage(String message, String type) {

    public static final int MAX_LENGTH = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    public static final ServerMessage NONE = new ServerMessage("", "");

    /** Reads the message from an error body (JSON or not). */
    public static ServerMessage parse(String body) {
        if (body == null || body.isBlank()) {
            return NONE;
        }
        String trimmed = body.strip();
        if (trimmed.startsWith("{")) {
            try {
                return fromJson(JSON.readTree(trimmed));
            } catch (java.io.IOException notJson) {
                // fall through to plain text
            }
        }
        return new ServerMessage(oneLine(trimmed), "");
    }

    /** Reads the message from an already parsed error object. */
    public static ServerMessage fromJson(JsonNode root) {
        if (root == null || !root.isObject()) {
            return NONE;
        }
        JsonNode error = root.get("error");
        if (error != null && (error.isObject() || error.isTextual())) {
            return ofError(error);
        }
        for (String field : new String[] {"message", "detail", "msg"}) {
            String value = text(root.get(field));
            if (!value.isEmpty()) {
                return new ServerMessage(oneLine(value), text(root.get("type")));
            }
        }
        return new ServerMessage(oneLine(root.toString()), "");
    }

    /** Reads the value of an {@code "error"} field: an object with message/type/code, or a string. */
    public static ServerMessage ofError(JsonNode error) {
        if (error == null || error.isNull()) {
            return NONE;
        }
        if (error.isTextual()) {
            return new ServerMessage(oneLine(error.asText()), "");
        }
        if (!error.isObject()) {
            return new ServerMessage(oneLine(error.toString()), "");
        }
        String type = text(error.get("code"));
        if (type.isEmpty() || type.chars().allMatch(Character::isDigit)) {
            type = text(error.get("type"));
        }
        String message = text(error.get("message"));
        return new ServerMessage(oneLine(message.isEmpty() ? error.toString() : message), type);
    }

    public boolean isEmpty() {
        return message.isEmpty();
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return "";
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }

    /** Collapses whitespace and cuts to {@value #MAX_LENGTH} characters. */
    static String oneLine(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() > MAX_LENGTH ? flat.substring(0, MAX_LENGTH) + "…" : flat;
    }
}
