package studio.codeact.llm.scripted;

import studio.codeact.llm.FinishReason;
import studio.codeact.llm.ToolCall;
import studio.codeact.llm.Usage;

import java.util.List;

/**
 * One canned answer of a {@link ScriptedChatModel}.
 *
 * @param text         what the model "writes"
 * @param toolCalls    tools it calls (may be empty)
 * @param finishReason why it stops, or {@code null} to let the model decide: {@code TOOL_CALLS}
 *                     when there are tool calls, {@code STOP_SEQUENCE} when the text runs into one
 *                     of the request's stop sequences, else {@code STOP}
 * @param usage        token counts to report, or {@code null} for {@link Usage#UNKNOWN}
 */
public record ScriptedReply(String text, List<ToolCall> toolCalls, FinishReason finishReason, Usage usage) {

    public ScriptedReply {
        text = text == null ? "" : text;
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    public static ScriptedReply text(String text) {
        return new ScriptedReply(text, List.of(), null, null);
    }

    /** Some text (may be empty) and tool calls. */
    public static ScriptedReply toolCalls(String text, ToolCall... calls) {
        return new ScriptedReply(text, List.of(calls), null, null);
    }

    public ScriptedReply withFinishReason(FinishReason reason) {
        return new ScriptedReply(text, toolCalls, reason, usage);
    }

    public ScriptedReply withUsage(Usage counts) {
        return new ScriptedReply(text, toolCalls, finishReason, counts);
    }
}
