package studio.codeact.bench;

import studio.codeact.llm.ChatMessage;

import java.util.List;
import java.util.Objects;

/**
 * A finished episode: its result line and the conversation that led to it (written as the run's
 * transcript, for reading why a mode failed).
 */
public record EpisodeResult(TaskResult result, List<ChatMessage> conversation) {

    public EpisodeResult {
        Objects.requireNonNull(result, "result");
        conversation = List.copyOf(conversation);
    }
}
