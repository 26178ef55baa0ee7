package studio.codeact.bench;

import studio.codeact.agent.ActionFormat;

import studio.codeact.llm.ChatResponse;

/** Turns, actions and tokens of one run as it goes. Used by one thread. */
final class Tally {

    private final long started = System.nanoTime();
    int turns;
    int actions;
    private long promptTokens = -1;
    private long completionTokens = -1;

    void reply(ChatResponse response) {
        turns++;
        if (response.usage().promptTokens() >= 0) {
            promptTokens = Math.max(0, promptTokens) + response.usage().promptTokens();
        }
        if (response.usage().completionTokens() >= 0) {
            completionTokens = Math.max(0, completionTokens) + response.usage().completionTokens();
        }
    }

    TaskResult result(BenchTask task, ActionFormat mode, String model, Outcome outcome, String answer, String error) {
        double seconds = Math.round((System.nanoTime() - started) / 1e6) / 1000.0;
        return new TaskResult(task.id(), task.taskClass(), mode, model, outcome, turns, actions, promptTokens,
                completionTokens, seconds, answer, error);
    }
}
