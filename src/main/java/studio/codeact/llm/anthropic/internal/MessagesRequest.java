package studio.codeact.llm.anthropic.internal;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * The body of {@code POST /v1/messages}. {@code system} is a list of text blocks so that it can
 * carry a prompt-cache breakpoint.
 */
public record MessagesRequest(String model, int maxTokens, List<Block> system, List<Message> messages, Double temperature,
                              List<String> stopSequences, Boolean stream, List<Tool> tools) {

    /** {@code role} is {@code user} or {@code assistant}; tool results travel in user messages. */
    public record Message(String role, List<Block> content) {

        /** The same message with a cache breakpoint on its last block. */
        public Message withLastBlockCached() {
            List<Block> blocks = new java.util.ArrayList<>(content);
            blocks.set(blocks.size() - 1, blocks.getLast().cached());
            return new Message(role, blocks);
        }
    }

    /** A content block; which fields are set depends on {@code type}. */
    public record Block(String type, String text, ImageSource source, String id, String name, JsonNode input,
                        String toolUseId, String content, CacheControl cacheControl) {

        public static Block text(String text) {
            return new Block("text", text, null, null, null, null, null, null, null);
        }

        public static Block image(String mediaType, String base64) {
            return new Block("image", null, new ImageSource("base64", mediaType, base64), null, null, null, null, null, null);
        }

        public static Block toolUse(String id, String name, JsonNode input) {
            return new Block("tool_use", null, null, id, name, input, null, null, null);
        }

        public static Block toolResult(String toolUseId, String content) {
            return new Block("tool_result", null, null, null, null, null, toolUseId, content, null);
        }

        /** This block as a prompt-cache breakpoint: the request up to and including it may be cached. */
        public Block cached() {
            return new Block(type, text, source, id, name, input, toolUseId, content, CacheControl.EPHEMERAL);
        }
    }

    /** {@code {"type": "ephemeral"}}: the provider's default five-minute prompt cache. */
    public record CacheControl(String type) {
        public static final CacheControl EPHEMERAL = new CacheControl("ephemeral");
    }

    public record ImageSource(String type, String mediaType, String data) { }

    public record Tool(String name, String description, JsonNode inputSchema) { }
}
