package studio.codeact.llm.openai.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import studio.codeact.llm.ChatMessage;
import studio.codeact.llm.ChatRequest;
import studio.codeact.llm.ToolCall;
import studio.codeact.llm.ToolSpec;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Provider-neutral requests to the Chat Completions wire format. */
public final class RequestMapper {

    private final boolean maxCompletionTokens;

    /**
     * @param maxCompletionTokens send the output limit as {@code max_completion_tokens} (what OpenAI
     *                            itself wants; its reasoning models refuse {@code max_tokens}) rather
     *                            than {@code max_tokens} (what every compatible server understands)
     */
    public RequestMapper(boolean maxCompletionTokens) {
        this.maxCompletionTokens = maxCompletionTokens;
    }

    /** The JSON body. @throws IllegalArgumentException when a tool's schema is not JSON */
    public String toJson(ChatRequest request, boolean stream) {
        try {
            return OpenAiJson.MAPPER.writeValueAsString(toWire(request, stream));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write a chat request as JSON", e);
        }
    }

    ChatCompletionRequest toWire(ChatRequest request, boolean stream) {
        List<ChatCompletionRequest.Message> messages = new ArrayList<>();
        for (ChatMessage message : request.messages()) {
            messages.add(message(message));
        }
        Integer limit = request.maxTokens();
        return new ChatCompletionRequest(
                request.model(),
                messages,
                request.temperature(),
                maxCompletionTokens ? null : limit,
                maxCompletionTokens ? limit : null,
                request.stop().isEmpty() ? null : request.stop(),
                stream,
                stream ? new ChatCompletionRequest.StreamOptions(true) : null,
                request.tools().isEmpty() ? null : request.tools().stream().map(RequestMapper::tool).toList());
    }

    private static ChatCompletionRequest.Message message(ChatMessage message) {
        return switch (message) {
            case ChatMessage.System system -> new ChatCompletionRequest.Message("system", system.text(), null, null);
            case ChatMessage.User user -> new ChatCompletionRequest.Message("user", userContent(user), null, null);
            case ChatMessage.Assistant assistant -> new ChatCompletionRequest.Message("assistant",
                    assistant.text().isEmpty() && !assistant.toolCalls().isEmpty() ? null : assistant.text(),
                    assistant.toolCalls().isEmpty() ? null : assistant.toolCalls().stream().map(RequestMapper::toolCall).toList(),
                    null);
            case ChatMessage.ToolResult result -> new ChatCompletionRequest.Message("tool", result.content(), null, result.toolCallId());
        };
    }

    /** Plain text as a string (what every server accepts); with images, a list of parts. */
    private static Object userContent(ChatMessage.User user) {
        boolean hasImage = user.content().stream().anyMatch(ChatMessage.Content.Image.class::isInstance);
        if (!hasImage) {
            return user.text();
        }
        List<ChatCompletionRequest.ContentPart> parts = new ArrayList<>();
        for (ChatMessage.Content content : user.content()) {
            parts.add(switch (content) {
                case ChatMessage.Content.Text text -> ChatCompletionRequest.ContentPart.text(text.text());
                case ChatMessage.Content.Image image -> ChatCompletionRequest.ContentPart.image(
                        "data:" + image.mimeType() + ";base64," + Base64.getEncoder().encodeToString(image.bytes()));
            });
        }
        return parts;
    }

    private static ChatCompletionRequest.ToolCallOut toolCall(ToolCall call) {
        return new ChatCompletionRequest.ToolCallOut(call.id(), "function",
                new ChatCompletionRequest.FunctionCall(call.name(), call.argumentsJson()));
    }

    private static ChatCompletionRequest.Tool tool(ToolSpec spec) {
        return new ChatCompletionRequest.Tool("function",
                new ChatCompletionRequest.FunctionDef(spec.name(), spec.description(), schema(spec)));
    }

    private static JsonNode schema(ToolSpec spec) {
        String text = spec.parametersSchema();
        if (text == null || text.isBlank()) {
            return OpenAiJson.MAPPER.createObjectNode().put("type", "object");
        }
        try {
            return OpenAiJson.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the parameters schema of tool '" + spec.name() + "' is not valid JSON: "
                    + e.getOriginalMessage(), e);
        }
    }
}
