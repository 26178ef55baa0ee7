package studio.codeact.llm.openai.internal;

import studio.codeact.llm.Usage;

/** Token counts of a completion. */
public record WireUsage(Integer promptTokens, Integer completionTokens) {

    public Usage toUsage() {
        return new Usage(promptTokens == null ? -1 : promptTokens, completionTokens == null ? -1 : completionTokens);
    }
}
