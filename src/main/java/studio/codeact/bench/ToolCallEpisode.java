package studio.codeact.bench;

import studio.codeact.agent.ActionFormat;

import studio.codeact.agent.ActionParser;
import studio.codeact.agent.ToolAction;

import studio.codeact.llm.ChatMessage;
import studio.codeact.llm.ChatResponse;
import studio.codeact.llm.LlmException;

import java.util.ArrayList;
import java.util.List;

/**
 * The json and text modes: each reply holds one tool call, which the harness checks against the
 * tool's signature and runs in the engine; its result (or what was wrong) is the next message.
 * A {@code <solution>} ends the task and is scored.
 */
public final class ToolCallEpisode implements Episode {

    /** Keeps a model from writing the observation itself. */
    static final List<String> STOP = List.of("Observation:");

    private final ActionFormat mode;

    public ToolCallEpisode(ActionFormat mode) {
        if (mode == ActionFormat.CODE) {
            throw new IllegalArgumentException("code mode runs the CodeAct agent, not tool calls");
        }
        this.mode = mode;
    }

    @Override
    public EpisodeResult run(TaskSuite suite, BenchTask task, ModelUnderTest model, BenchPython python) {
        python.prepare(suite, task);
        Tally tally = new Tally();
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(new ChatMessage.System(Prompts.system(mode)));
        messages.add(ChatMessage.User.text(Prompts.task(mode, task)));
        while (tally.turns < task.maxTurns()) {
            ChatResponse response;
            try {
                response = model.chat().chat(model.request(messages, STOP));
            } catch (LlmException.Authentication | LlmException.ModelNotFound fatal) {
                throw fatal;
            } catch (LlmException e) {
                return end(tally.result(task, mode, model.label(), Outcome.MODEL_ERROR, null, "model: " + e.getMessage()), messages);
            }
            tally.reply(response);
            messages.add(ChatMessage.Assistant.text(response.text()));
            ToolAction action = mode == ActionFormat.JSON ? ActionParser.json(response.text()) : ActionParser.text(response.text());
            String observation;
            String note = "";
            switch (action) {
                case ToolAction.Solution solution -> {
                    Score score = python.score(suite, task, solution.answer());
                    return end(tally.result(task, mode, model.label(), score.success() ? Outcome.SOLVED : Outcome.WRONG_ANSWER,
                            solution.answer(), score.success() ? null : score.detail()).graded(score), messages);
                }
                case ToolAction.JsonCall call -> {
                    tally.actions++;
                    observation = python.callJson(suite, task, call.json()).observation();
                    note = onlyFirst(call.found());
                }
                case ToolAction.TextCall call -> {
                    tally.actions++;
                    observation = python.callText(suite, task, call.tool(), call.input()).observation();
                    note = onlyFirst(call.found());
                }
                case ToolAction.Missing missing -> observation = missingAction();
            }
            if (tally.turns < task.maxTurns()) {
                messages.add(ChatMessage.User.text(Prompts.observation(observation, task.maxTurns() - tally.turns, note)));
            }
        }
        return end(tally.result(task, mode, model.label(), Outcome.TURN_LIMIT, null,
                "turn limit: " + task.maxTurns() + " replies without a <solution>"), messages);
    }

    private static EpisodeResult end(TaskResult result, List<ChatMessage> messages) {
        return new EpisodeResult(result, messages);
    }

    private String missingAction() {
        String format = mode == ActionFormat.JSON
                ? "one JSON object like {\"name\": \"tool_name\", \"arguments\": {\"parameter\": \"value\"}}"
                : "two lines: 'Action: tool_name' and 'Action Input: {\"parameter\": \"value\"}'";
        return "Your reply had no tool call and no <solution>. Call a tool with " + format
                + ", or give your final answer as <solution>ANSWER</solution>.";
    }

    private static String onlyFirst(int found) {
        return found > 1 ? "Note: only one tool call per turn; the first of the " + found + " you wrote ran." : "";
    }
}
