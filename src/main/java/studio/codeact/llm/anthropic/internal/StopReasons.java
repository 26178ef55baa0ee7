package studio.codeact.llm.anthropic.internal;

import studio.codeact.llm.FinishReason;

/** The Messages API's {@code stop_reason} to {@link FinishReason}. */
final class StopReasons {

    private StopReasons() {
    }

    static FinishReason map(String stopReason) {
        if (stopReason == null) {
            return FinishReason.OTHER;
        }
        return switch (stopReason) {
            case "end_turn" -> FinishReason.STOP;
            case "max_tokens", "model_context_window_exceeded" -> FinishReason.LENGTH;
            case "stop_sequence" -> FinishReason.STOP_SEQUENCE;
            case "tool_use" -> FinishReason.TOOL_CALLS;
            case "refusal" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.OTHER;
        };
    }
}
