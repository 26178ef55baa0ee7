package studio.codeact.agent;

import studio.codeact.llm.ChatResponse;
import studio.codeact.llm.ToolCall;
import studio.codeact.llm.Usage;
import studio.codeact.session.TokenUsage;

import java.util.ArrayList;
import java.util.List;

/**
 * A model's reply as the conversation keeps it, and as the parser read it. Tool calls are the
 * actions when there are any; otherwise the actions are the code blocks in the text.
 *
 * @param usage the tokens the call used, as the server reported them
 */
record ModelReply(Exchange.Reply exchange, ParsedReply parsed, TokenUsage usage) {

    static ModelReply of(ChatResponse response) {
        TokenUsage usage = usage(response.usage());
        ParsedReply parsed = ActionParser.parse(response.text());
        if (!response.toolCalls().isEmpty()) {
            List<Exchange.Action> actions = new ArrayList<>();
            for (ToolCall call : response.toolCalls()) {
                actions.add(new Exchange.Action(ExecutePythonTool.code(call).orElse(""), call));
            }
            String prose = response.text().strip();
            ParsedReply asTools = new ParsedReply(actions.stream().map(Exchange.Action::code).toList(), parsed.solution(), prose, prose);
            return new ModelReply(new Exchange.Reply(prose, prose, actions, true), asTools, usage);
        }
        List<Exchange.Action> actions = parsed.actions().stream().map(code -> new Exchange.Action(code, null)).toList();
        return new ModelReply(new Exchange.Reply(parsed.text(), parsed.prose(), actions, false), parsed, usage);
    }

    static TokenUsage usage(Usage usage) {
        return TokenUsage.ofCall(usage.promptTokens(), usage.completionTokens(), usage.cachedInputTokens(), usage.cacheWriteTokens());
    }
}
