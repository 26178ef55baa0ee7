package studio.codeact.llm.anthropic.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import studio.codeact.llm.ChatMessage;
import studio.codeact.llm.ChatRequest;
import studio.codeact.llm.ToolCall;
import studio.codeact.llm.ToolSpec;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * Provider-neutral requests to the Messages API: system messages join into the top-level
 * {@code system} field; tool results become {@code tool_result} blocks of a user message;
 * consecutive messages of one role merge into one (tool results first), as the API expects;
 * empty text blocks, which the API refuses, are left out.
 *
 * <p>Prompt caching: the system prompt (and the tools before it) and the growing conversation get
 * {@code cache_control} breakpoints, at most {@value #MAX_CACHE_BREAKPOINTS} as the API allows:
 * one on the system prompt, one on the last message (what the next turn will read back), and one
 * on the message that ended the previous request (what this turn reads back).
 */
public final class RequestMapper {

    /** The most {@code cache_control} breakpoints the Messages API accepts in one request. */
    public static final int MAX_CACHE_BREAKPOINTS = 4;

    private final int defaultMaxTokens;

    /** @param defaultMaxTokens sent when the request names no limit ({@code max_tokens} is required) */
    public RequestMapper(int defaultMaxTokens) {
        this.defaultMaxTokens = defaultMaxTokens;
    }

    /** The JSON body. @throws IllegalArgumentException when a tool's schema is not JSON */
    public String toJson(ChatRequest request, boolean stream) {
        try {
            return AnthropicJson.MAPPER.writeValueAsString(toWire(request, stream));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write a chat request as JSON", e);
        }
    }

    MessagesRequest toWire(ChatRequest request, boolean stream) {
        List<String> system = new ArrayList<>();
        List<MessagesRequest.Message> messages = new ArrayList<>();
        for (ChatMessage message : request.messages()) {
            switch (message) {
                case ChatMessage.System s -> system.add(s.text());
                case ChatMessage.User user -> add(messages, "user", userBlocks(user));
                case ChatMessage.Assistant assistant -> add(messages, "assistant", assistantBlocks(assistant));
                case ChatMessage.ToolResult result ->
                        add(messages, "user", List.of(MessagesRequest.Block.toolResult(result.toolCallId(), result.content())));
            }
        }
        String systemText = String.join("\n\n", system);
        return new MessagesRequest(
                request.model(),
                request.maxTokens() != null ? request.maxTokens() : defaultMaxTokens,
                systemText.isEmpty() ? null : List.of(MessagesRequest.Block.text(systemText).cached()),
                withCacheBreakpoints(messages.stream().map(RequestMapper::toolResultsFirst).toList()),
                request.temperature(),
                request.stop().isEmpty() ? null : request.stop(),
                stream ? Boolean.TRUE : null,
                request.tools().isEmpty() ? null : request.tools().stream().map(RequestMapper::tool).toList());
    }

    /**
     * Marks the last message, and the one that was last in the previous request (two messages
     * before: the model's reply and the new user message came after it).
     */
    static List<MessagesRequest.Message> withCacheBreakpoints(List<MessagesRequest.Message> messages) {
        List<MessagesRequest.Message> marked = new ArrayList<>(messages);
        int last = marked.size() - 1;
        if (last >= 0) {
            marked.set(last, marked.get(last).withLastBlockCached());
        }
        int previous = last - 2;
        if (previous >= 0 && marked.get(previous).role().equals("user")) {
            marked.set(previous, marked.get(previous).withLastBlockCached());
        }
        return marked;
    }

    private static void add(List<MessagesRequest.Message> messages, String role, List<MessagesRequest.Block> blocks) {
        if (blocks.isEmpty()) {
            return;
        }
        if (!messages.isEmpty() && messages.getLast().role().equals(role)) {
            List<MessagesRequest.Block> merged = new ArrayList<>(messages.getLast().content());
            merged.addAll(blocks);
            messages.set(messages.size() - 1, new MessagesRequest.Message(role, merged));
        } else {
            messages.add(new MessagesRequest.Message(role, blocks));
        }
    }

    private static MessagesRequest.Message toolResultsFirst(MessagesRequest.Message message) {
        List<MessagesRequest.Block> sorted = new ArrayList<>(message.content());
        sorted.sort(Comparator.comparingInt(block -> block.type().equals("tool_result") ? 0 : 1));
        return new MessagesRequest.Message(message.role(), sorted);
    }

    private static List<MessagesRequest.Block> userBlocks(ChatMessage.User user) {
        List<MessagesRequest.Block> blocks = new ArrayList<>();
        for (ChatMessage.Content content : user.content()) {
            switch (content) {
                case ChatMessage.Content.Text text -> {
                    if (!text.text().isEmpty()) {
                        blocks.add(MessagesRequest.Block.text(text.text()));
                    }
                }
                case ChatMessage.Content.Image image ->
                        blocks.add(MessagesRequest.Block.image(image.mimeType(), Base64.getEncoder().encodeToString(image.bytes())));
            }
        }
        return blocks;
    }

    private static List<MessagesRequest.Block> assistantBlocks(ChatMessage.Assistant assistant) {
        List<MessagesRequest.Block> blocks = new ArrayList<>();
        if (!assistant.text().isEmpty()) {
            blocks.add(MessagesRequest.Block.text(assistant.text()));
        }
        for (ToolCall call : assistant.toolCalls()) {
            blocks.add(MessagesRequest.Block.toolUse(call.id(), call.name(), input(call)));
        }
        return blocks;
    }

    /** The call's arguments as the JSON object the API wants; arguments that are not an object (another model's slip) become {@code {}}. */
    private static JsonNode input(ToolCall call) {
        try {
            JsonNode node = AnthropicJson.MAPPER.readTree(call.argumentsJson() == null || call.argumentsJson().isBlank() ? "{}" : call.argumentsJson());
            return node != null && node.isObject() ? node : AnthropicJson.MAPPER.createObjectNode();
        } catch (JsonProcessingException e) {
            return AnthropicJson.MAPPER.createObjectNode();
        }
    }

    private static MessagesRequest.Tool tool(ToolSpec spec) {
        return new MessagesRequest.Tool(spec.name(), spec.description(), schema(spec));
    }

    private static JsonNode schema(ToolSpec spec) {
        String text = spec.parametersSchema();
        if (text == null || text.isBlank()) {
            return AnthropicJson.MAPPER.createObjectNode().put("type", "object");
        }
        try {
            return AnthropicJson.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the parameters schema of tool '" + spec.name() + "' is not valid JSON: "
                    + e.getOriginalMessage(), e);
        }
    }
}
