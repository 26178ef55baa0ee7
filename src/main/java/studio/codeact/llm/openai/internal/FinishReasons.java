package studio.codeact.llm.openai.internal;

import com.fasterxml.jackson.databind.JsonNode;
import studio.codeact.llm.FinishReason;

/** Chat Completions' {@code finish_reason} to {@link FinishReason}. */
final class FinishReasons {

    private FinishReasons() {
    }

    /**
     * @param stopReason vLLM's {@code stop_reason}: the stop string that ended the answer. OpenAI
     *                   itself says only {@code stop}, whether for a stop sequence or not.
     * @param toolCalls  whether the answer called tools (some servers say {@code stop} even then)
     */
    static FinishReason map(String reason, JsonNode stopReason, boolean toolCalls) {
        if (reason == null) {
            return toolCalls ? FinishReason.TOOL_CALLS : FinishReason.OTHER;
        }
        return switch (reason) {
            case "stop", "eos", "end_turn" -> {
                if (stopReason != null && stopReason.isTextual() && !stopReason.asText().isEmpty()) {
                    yield FinishReason.STOP_SEQUENCE;
                }
                yield toolCalls ? FinishReason.TOOL_CALLS : FinishReason.STOP;
            }
            case "length", "max_tokens" -> FinishReason.LENGTH;
            case "tool_calls", "function_call" -> FinishReason.TOOL_CALLS;
            case "content_filter" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.OTHER;
        };
    }

    /** Tool-call arguments as JSON text, whether sent as a string (the spec) or an object. */
    static String arguments(JsonNode arguments) {
        if (arguments == null || arguments.isNull()) {
            return null;
        }
        return arguments.isTextual() ? arguments.asText() : arguments.toString();
    }
}
