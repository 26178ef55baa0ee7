package studio.codeact.llm.openai.internal;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** The body of {@code POST /chat/completions}. */
public record ChatCompletionRequest(String model, List<Message> messages, Double temperature, Integer maxTokens,
                                    Integer maxCompletionTokens, List<String> stop, Boolean stream,
                                    StreamOptions streamOptions, List<Tool> tools) {

    /** {@code content} is a string, or a list of {@link ContentPart}s when there are images. */
    public record Message(String role, Object content, List<ToolCallOut> toolCalls, String toolCallId) { }

    public record ContentPart(String type, String text, ImageUrl imageUrl) {
        public static ContentPart text(String text) {
            return new ContentPart("text", text, null);
        }

        public static ContentPart image(String dataUrl) {
            return new ContentPart("image_url", null, new ImageUrl(dataUrl));
        }
    }

    public record ImageUrl(String url) { }

    public record Tool(String type, FunctionDef function) { }

    public record FunctionDef(String name, String description, JsonNode parameters) { }

    public record ToolCallOut(String id, String type, FunctionCall function) { }

    public record FunctionCall(String name, String arguments) { }

    public record StreamOptions(Boolean includeUsage) { }
}
