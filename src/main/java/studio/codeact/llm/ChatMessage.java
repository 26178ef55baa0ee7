package studio.codeact.llm;

import java.util.List;
import java.util.Objects;

/** One message of a conversation, provider-neutral. */
public sealed interface ChatMessage {

    record System(String text) implements ChatMessage {
        public System {
            Objects.requireNonNull(text);
        }
    }

    /** What the user (or the agent, for an observation) says; text and images. */
    record User(List<Content> content) implements ChatMessage {
        public User {
            content = List.copyOf(content);
        }

        public static User text(String text) {
            return new User(List.of(new Content.Text(text)));
        }

        /** All text parts joined. */
        public String text() {
            StringBuilder out = new StringBuilder();
            for (Content part : content) {
                if (part instanceof Content.Text t) {
                    out.append(t.text());
                }
            }
            return out.toString();
        }
    }

    /** What the model said, with the tools it called (may be empty). */
    record Assistant(String text, List<ToolCall> toolCalls) implements ChatMessage {
        public Assistant {
            text = text == null ? "" : text;
            toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        }

        public static Assistant text(String text) {
            return new Assistant(text, List.of());
        }
    }

    /** The result of one tool call, answering the {@link ToolCall} with the same id. */
    record ToolResult(String toolCallId, String toolName, String content) implements ChatMessage {
        public ToolResult {
            Objects.requireNonNull(toolCallId);
            Objects.requireNonNull(content);
        }
    }

    /** A part of a user message. */
    sealed interface Content {
        record Text(String text) implements Content {
            public Text {
                Objects.requireNonNull(text);
            }
        }

        /** An image, e.g. a figure for a vision-capable model. */
        record Image(byte[] bytes, String mimeType) implements Content {
            public Image {
                Objects.requireNonNull(bytes);
                mimeType = mimeType == null ? "image/png" : mimeType;
            }
        }
    }
}
