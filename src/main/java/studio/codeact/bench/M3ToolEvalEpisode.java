package studio.codeact.bench;

import studio.codeact.agent.ActionFormat;

import studio.codeact.engine.ExecutionRequest;
import studio.codeact.engine.ExecutionResult;
import studio.codeact.engine.OutputListener;
import studio.codeact.llm.ChatMessage;
import studio.codeact.llm.ChatResponse;
import studio.codeact.llm.LlmException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionException;

/**
 * {@code --protocol m3tooleval}: a task run the way M3ToolEval's {@code main.py} runs it, in any of the
 * three modes. One user message holds the paper's prompt; each reply is trimmed and read as an
 * {@code Action:} or an {@code Answer:} (by the harness, {@code m3protocol.py}); an action's result is the
 * next message; a wrong answer gets the paper's "Your answer is incorrect" and another try, until
 * {@link #TURN_LIMIT} replies. Code actions run in the engine, where the task's tools are functions.
 */
public final class M3ToolEvalEpisode implements Episode {

    /** M3ToolEval's {@code --n_turns_limit} (its default, and what its {@code run.sh} passes). */
    public static final int TURN_LIMIT = 10;
    /** M3ToolEval asks for at most this many tokens per reply. */
    public static final int MAX_TOKENS = 512;
    public static final String NAME = "m3tooleval";

    private final ActionFormat mode;
    private final Duration cellTimeout;

    public M3ToolEvalEpisode(ActionFormat mode, Duration cellTimeout) {
        this.mode = Objects.requireNonNull(mode);
        this.cellTimeout = Objects.requireNonNull(cellTimeout);
    }

    @Override
    public EpisodeResult run(TaskSuite suite, BenchTask task, ModelUnderTest model, BenchPython python) {
        python.prepare(suite, task);
        Tally tally = new Tally();
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(ChatMessage.User.text(Prompts.m3(mode, task)));
        String lastAnswer = null;
        Score lastScore = null;
        while (tally.turns < TURN_LIMIT) {
            ChatResponse response;
            try {
                response = model.chat().chat(model.request(messages, List.of()));
            } catch (LlmException.Authentication | LlmException.ModelNotFound fatal) {
                throw fatal;
            } catch (LlmException e) {
                return end(tally.result(task, mode, model.label(), Outcome.MODEL_ERROR, null, "model: " + e.getMessage()), messages);
            }
            tally.reply(response);
            M3Turn turn = python.m3Turn(suite, task, mode, response.text());
            messages.add(ChatMessage.Assistant.text(turn.reply()));
            if (turn.isAnswer()) {
                lastAnswer = turn.content();
                lastScore = turn.score();
                if (turn.correct()) {
                    return end(tally.result(task, mode, model.label(), Outcome.SOLVED, lastAnswer, null).graded(lastScore), messages);
                }
                messages.add(ChatMessage.User.text(turn.observation()));
                continue;
            }
            if (!turn.isAction()) {
                messages.add(ChatMessage.User.text(turn.observation()));
                continue;
            }
            tally.actions++;
            M3Turn observed = mode == ActionFormat.CODE ? python.m3CodeObservation(suite, task, run(python, turn.content())) : turn;
            String observation = observed.observation();
            if (mode == ActionFormat.CODE && !turn.extraInfo().isEmpty()) {
                observation += "\n*Extra reminder: " + turn.extraInfo();
            }
            messages.add(ChatMessage.User.text(observation));
            if (observed.correct()) { // an atomic task whose one call gave the answer
                return end(tally.result(task, mode, model.label(), Outcome.SOLVED, observed.observation(), null)
                        .graded(observed.score()), messages);
            }
        }
        if (lastAnswer != null) {
            return end(tally.result(task, mode, model.label(), Outcome.WRONG_ANSWER, lastAnswer,
                    (lastScore == null ? "wrong answer" : lastScore.detail()) + " (after " + TURN_LIMIT + " replies)")
                    .graded(lastScore == null ? new Score(false, "") : lastScore), messages);
        }
        return end(tally.result(task, mode, model.label(), Outcome.TURN_LIMIT, null,
                "turn limit: " + TURN_LIMIT + " replies without an answer"), messages);
    }

    /** Runs a code action in the engine and gives what a notebook would have printed: output, the last value, the traceback. */
    private String run(BenchPython python, String code) {
        ExecutionResult result;
        try {
            result = python.engine().execute(new ExecutionRequest(code, cellTimeout, false, true), OutputListener.NONE).join();
        } catch (CompletionException e) {
            throw new BenchException("the Python engine failed: " + e.getCause().getMessage(), e.getCause());
        }
        StringBuilder printed = new StringBuilder(result.stdout());
        result.result().ifPresent(value -> printed.append("Out[").append(value.executionCount()).append("]: ")
                .append(value.data().text()).append('\n'));
        result.error().ifPresent(error -> printed.append(String.join("\n", error.traceback())).append('\n'));
        if (!result.note().isEmpty()) {
            printed.append(result.note()).append('\n');
        }
        return printed.toString();
    }

    private static EpisodeResult end(TaskResult result, List<ChatMessage> messages) {
        return new EpisodeResult(result, messages);
    }
}
