package studio.codeact.bench;

import studio.codeact.agent.ActionFormat;
import studio.codeact.agent.ActionMode;

import studio.codeact.agent.ActionParser;

import studio.codeact.agent.AgentConfig;
import studio.codeact.agent.AgentEvent;
import studio.codeact.agent.CodeActAgent;
import studio.codeact.llm.ChatMessage;
import studio.codeact.llm.LlmException;
import studio.codeact.session.Session;
import studio.codeact.session.SessionInfo;
import studio.codeact.session.SessionStore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The code mode: the CodeAct agent itself, with the task's tools defined as plain functions in
 * the interpreter, so the model can compose them with loops, variables and libraries.
 *
 * <p>The task's turn limit counts every model reply. A reply that ends the agent's loop without a
 * {@code <solution>} is answered, like a json or text reply without an action, with a request for
 * one, while turns remain.
 */
public final class CodeEpisode implements Episode {

    static final String ASK_FOR_SOLUTION = "You replied without a <solution>. Give your final answer as "
            + "<solution>ANSWER</solution>, writing only the answer inside.";

    private final Duration cellTimeout;
    private final ActionMode actions;

    /**
     * @param cellTimeout how long one code action may run
     * @param actions     how the model writes code: {@code TAGS} (the paper's {@code <execute>} format, the
     *                    bench's default, prompt-based like the json and text modes), {@code TOOLS} or {@code AUTO}
     */
    public CodeEpisode(Duration cellTimeout, ActionMode actions) {
        this.cellTimeout = Objects.requireNonNull(cellTimeout);
        this.actions = Objects.requireNonNull(actions);
    }

    @Override
    public EpisodeResult run(TaskSuite suite, BenchTask task, ModelUnderTest model, BenchPython python) {
        python.prepare(suite, task);
        long started = System.nanoTime();
        UsageMeter meter = new UsageMeter(model.chat(), task.maxTurns());
        AgentConfig config = AgentConfig.defaults(model.chat().provider(), model.model())
                .withActionMode(actions)
                .withMaxTurns(task.maxTurns())
                .withCellTimeout(cellTimeout)
                .withSampling(model.temperature(), model.maxTokens());
        SessionInfo info = new SessionInfo(model.chat().provider(), model.model(), python.engine().kind().id(), "", actions.id(),
                "", task.maxTurns(), "", List.of());
        Recorder recorder = new Recorder();
        try (SessionStore store = SessionStore.inMemory(Session.start("bench-" + task.id(), Instant.now(), info))) {
            CodeActAgent agent = new CodeActAgent(meter, python.engine(), store, config);
            agent.setListener(recorder);
            agent.setSystemPromptTemplate(Prompts.system(ActionFormat.CODE));
            recorder.observationHeading = actions == ActionMode.TOOLS ? "" : "Observation:\n";
            String question = Prompts.task(ActionFormat.CODE, task);
            while (true) {
                recorder.question(question);
                AgentEvent.Terminal end = agent.ask(question);
                recorder.systemPrompt = agent.systemPrompt();
                Ending ending = ending(end, recorder, meter);
                if (ending != null) {
                    TaskResult result = result(task, model, meter, recorder, started, ending, suite, python);
                    return new EpisodeResult(result, recorder.conversation());
                }
                question = ASK_FOR_SOLUTION;
            }
        }
    }

    /** How the agent's run ended, or {@code null} when it answered without a solution and turns remain. */
    private static Ending ending(AgentEvent.Terminal end, Recorder recorder, UsageMeter meter) {
        if (meter.exhausted()) {
            return new Ending(Outcome.TURN_LIMIT, null, "turn limit: the task's replies were spent without a <solution>");
        }
        return switch (end) {
            case AgentEvent.Answered answered -> {
                Optional<String> solution = ActionParser.solution(recorder.lastReply);
                if (solution.isPresent()) {
                    yield new Ending(null, solution.get(), null);
                }
                yield meter.turnsLeft() > 0 ? null
                        : new Ending(Outcome.TURN_LIMIT, null, "turn limit: the last reply answered without a <solution>: "
                                + abbreviate(answered.answer()));
            }
            case AgentEvent.TurnLimitReached limit -> new Ending(Outcome.TURN_LIMIT, null,
                    "turn limit: " + limit.turns() + " replies without a <solution>");
            case AgentEvent.Failed failed -> failure(failed.message(), meter);
            case AgentEvent.Cancelled ignored -> new Ending(Outcome.NO_SOLUTION, null, "the agent was cancelled");
        };
    }

    private static Ending failure(String message, UsageMeter meter) {
        LlmException model = meter.failure();
        if (model instanceof LlmException.Authentication || model instanceof LlmException.ModelNotFound) {
            throw model;
        }
        if (model != null) {
            return new Ending(Outcome.MODEL_ERROR, null, "model: " + model.getMessage());
        }
        if (message.startsWith("the Python engine failed")) {
            return new Ending(Outcome.ENGINE_ERROR, null, "engine: " + message);
        }
        return new Ending(Outcome.NO_SOLUTION, null, "the agent stopped: " + message);
    }

    private static TaskResult result(BenchTask task, ModelUnderTest model, UsageMeter meter, Recorder recorder, long started,
                                     Ending ending, TaskSuite suite, BenchPython python) {
        Outcome outcome = ending.outcome();
        String error = ending.error();
        Score score = null;
        if (ending.solution() != null) {
            score = python.score(suite, task, ending.solution());
            outcome = score.success() ? Outcome.SOLVED : Outcome.WRONG_ANSWER;
            error = score.success() ? null : score.detail();
        }
        double seconds = Math.round((System.nanoTime() - started) / 1e6) / 1000.0;
        TaskResult result = new TaskResult(task.id(), task.taskClass(), ActionFormat.CODE, model.label(), outcome, meter.replies(),
                recorder.actions, meter.promptTokens(), meter.completionTokens(), seconds, ending.solution(), error);
        return score == null ? result : result.graded(score);
    }

    private static String abbreviate(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() <= 120 ? flat : flat.substring(0, 119) + "…";
    }

    /** The end of a run: an outcome with its error, or a solution still to be scored. */
    private record Ending(Outcome outcome, String solution, String error) { }

    /** Collects the conversation and counts the actions from the agent's events (on the agent's thread). */
    private static final class Recorder implements studio.codeact.agent.AgentListener {
        private final List<ChatMessage> turns = new ArrayList<>();
        String systemPrompt = "";
        String observationHeading = "";
        String lastReply = "";
        int actions;

        void question(String text) {
            turns.add(ChatMessage.User.text(text));
        }

        @Override
        public void onEvent(AgentEvent event) {
            switch (event) {
                case AgentEvent.AssistantReplied replied -> {
                    lastReply = replied.text();
                    turns.add(ChatMessage.Assistant.text(replied.text()));
                }
                case AgentEvent.Observation observation -> turns.add(ChatMessage.User.text(observationHeading + observation.text()));
                case AgentEvent.ActionStarted started -> actions += started.turn() > 0 ? 1 : 0;
                default -> {
                }
            }
        }

        List<ChatMessage> conversation() {
            List<ChatMessage> all = new ArrayList<>();
            if (!systemPrompt.isEmpty()) {
                all.add(new ChatMessage.System(systemPrompt));
            }
            all.addAll(turns);
            return all;
        }
    }
}
