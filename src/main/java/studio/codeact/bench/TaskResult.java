package studio.codeact.bench;

import studio.codeact.agent.ActionFormat;

import java.util.Objects;

/**
 * One task run by one model in one mode: a line of {@code results.jsonl}.
 *
 * @param task             the task's id
 * @param taskClass        multi-tool or atomic
 * @param mode             code, json or text
 * @param model            the model's label
 * @param outcome          how it ended; success is {@link Outcome#SOLVED}
 * @param turns            model replies used
 * @param actions          actions executed (code cells, or tool calls in json/text mode)
 * @param promptTokens     prompt tokens summed over the turns, -1 when the server never said
 * @param completionTokens completion tokens summed over the turns, -1 when the server never said
 * @param seconds          wall time of the run
 * @param answer           the text inside {@code <solution>}, or {@code null}
 * @param error            what went wrong, in a sentence, or {@code null} on success
 * @param gradedBy         the comparison that graded the answer (the one that accepted it, or all tried), or {@code null}
 *                         when there was no answer
 * @param expected         the expected answer (JSON text) when the answer failed, else {@code null}
 */
public record TaskResult(String task, TaskClass taskClass, ActionFormat mode, String model, Outcome outcome, int turns,
                         int actions, long promptTokens, long completionTokens, double seconds, String answer, String error,
                         String gradedBy, String expected) {

    /** A result without grading details (no answer was scored). */
    public TaskResult(String task, TaskClass taskClass, ActionFormat mode, String model, Outcome outcome, int turns, int actions,
                      long promptTokens, long completionTokens, double seconds, String answer, String error) {
        this(task, taskClass, mode, model, outcome, turns, actions, promptTokens, completionTokens, seconds, answer, error, null, null);
    }

    /** This result with the verdict on its answer recorded. */
    public TaskResult graded(Score score) {
        return new TaskResult(task, taskClass, mode, model, outcome, turns, actions, promptTokens, completionTokens, seconds, answer,
                error, score.gradedBy().isEmpty() ? null : score.gradedBy(), score.success() ? null : score.expected());
    }

    public TaskResult {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(taskClass, "taskClass");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(outcome, "outcome");
    }

    public boolean success() {
        return outcome == Outcome.SOLVED;
    }

    /** Prompt plus completion tokens, or -1 when unknown. */
    public long tokens() {
        if (promptTokens < 0 && completionTokens < 0) {
            return -1;
        }
        return Math.max(0, promptTokens) + Math.max(0, completionTokens);
    }

    /** What identifies a run across an interrupted and a resumed benchmark. */
    public RunKey key() {
        return new RunKey(task, mode, model);
    }
}
