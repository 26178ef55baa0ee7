package studio.codeact.bench;

import studio.codeact.agent.ActionFormat;

import org.junit.jupiter.api.Test;
import studio.codeact.agent.ActionMode;
import studio.codeact.llm.ChatMessage;
import studio.codeact.llm.LlmException;
import studio.codeact.llm.Usage;
import studio.codeact.llm.scripted.ScriptedChatModel;
import studio.codeact.llm.scripted.ScriptedReply;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static studio.codeact.bench.JsonModeTest.lastUserText;

/** The code mode: the CodeAct agent over a real engine with the task's tools as functions, driven by a scripted model. */
class CodeModeTest {

    private static final String HEAVIEST_TENT_CODE = """
            <execute>
            weights = {}
            for sku in list_products("tents"):
                product = get_product(sku)
                weights[sku] = convert_units(product["weight"], product["weight_unit"], "kg")
            print(max(weights, key=weights.get), weights)
            </execute>""";

    private static EpisodeResult run(String taskId, ScriptedChatModel model) {
        return new CodeEpisode(Duration.ofSeconds(30), ActionMode.TAGS).run(SharedEngine.builtinSuite(), SharedEngine.task(taskId),
                new ModelUnderTest("scripted", "scripted", model, 0.0, null), SharedEngine.python());
    }

    @Test
    void codeComposesTheToolsInALoopAndARightSolutionIsScoredSuccess() {
        ScriptedChatModel model = new ScriptedChatModel().onCallerThread()
                .then(ScriptedReply.text(HEAVIEST_TENT_CODE).withUsage(new Usage(900, 80)))
                .then(ScriptedReply.text("<solution>TN-104</solution>").withUsage(new Usage(1100, 10)));

        EpisodeResult episode = run("heaviest-tent", model);
        TaskResult result = episode.result();

        assertThat(result.outcome()).isEqualTo(Outcome.SOLVED);
        assertThat(result.turns()).isEqualTo(2);
        assertThat(result.actions()).isEqualTo(1);
        assertThat(result.tokens()).isEqualTo(2090);
        assertThat(lastUserText(model.lastRequest())).contains("TN-104 {'TN-101': 2.313321");
        String question = ((ChatMessage.User) model.requests().getFirst().messages().get(1)).text();
        assertThat(question).contains("These tools are already defined as functions in the interpreter")
                .contains("- list_products(category: str = '') -> list");
        assertThat(episode.conversation().getFirst()).isInstanceOf(ChatMessage.System.class);
        assertThat(episode.conversation()).hasSize(5);
    }

    @Test
    void aWrongSolutionIsScoredFailure() {
        ScriptedChatModel model = ScriptedChatModel.replying(HEAVIEST_TENT_CODE, "<solution>TN-101</solution>").onCallerThread();
        TaskResult result = run("heaviest-tent", model).result();
        assertThat(result.outcome()).isEqualTo(Outcome.WRONG_ANSWER);
        assertThat(result.error()).contains("expected 'TN-104'");
    }

    @Test
    void anErrorInTheCodeIsObservedAndTheModelRepairsIt() {
        ScriptedChatModel model = ScriptedChatModel.replying(
                "<execute>print(get_product('TN-999'))</execute>",
                "<execute>print(get_product('TN-101')['weight_unit'])</execute>",
                "<solution>2.313</solution>").onCallerThread();
        TaskResult result = run("product-weight-kg", model).result();
        assertThat(lastUserText(model.requests().get(1))).contains("KeyError").contains("no product 'TN-999'");
        assertThat(result.outcome()).isEqualTo(Outcome.SOLVED);
        assertThat(result.turns()).isEqualTo(3);
        assertThat(result.actions()).isEqualTo(2);
    }

    @Test
    void anAnswerWithoutSolutionTagsIsAskedForOneWithinTheTurnLimit() {
        ScriptedChatModel model = ScriptedChatModel.replying("The heaviest tent is TN-104.", "<solution>TN-104</solution>")
                .onCallerThread();
        TaskResult result = run("heaviest-tent", model).result();
        assertThat(lastUserText(model.lastRequest())).isEqualTo(CodeEpisode.ASK_FOR_SOLUTION);
        assertThat(result.outcome()).isEqualTo(Outcome.SOLVED);
        assertThat(result.turns()).isEqualTo(2);
    }

    @Test
    void theTurnLimitCountsEveryReplyAcrossTheAgentsQuestions() {
        BenchTask task = SharedEngine.task("heaviest-tent");
        ScriptedChatModel model = new ScriptedChatModel().onCallerThread();
        for (int i = 0; i < task.maxTurns(); i++) {
            model.thenText(i % 2 == 0 ? "<execute>x = 1</execute>" : "I am not sure yet.");
        }
        TaskResult result = run("heaviest-tent", model).result();
        assertThat(result.outcome()).isEqualTo(Outcome.TURN_LIMIT);
        assertThat(result.turns()).isEqualTo(task.maxTurns());
        assertThat(model.remainingReplies()).isZero();
        assertThat(model.requests()).hasSize(task.maxTurns());
    }

    @Test
    void aModelServerFailureIsRecordedAndARejectedKeyStopsTheBenchmark() {
        ScriptedChatModel failing = new ScriptedChatModel().onCallerThread()
                .failOnTurn(1, new LlmException.ServerError("the server failed (502)", 502));
        TaskResult result = run("heaviest-tent", failing).result();
        assertThat(result.outcome()).isEqualTo(Outcome.MODEL_ERROR);
        assertThat(result.error()).contains("502");

        ScriptedChatModel rejected = new ScriptedChatModel().onCallerThread()
                .failOnTurn(1, new LlmException.Authentication("the API key was rejected"));
        assertThatThrownBy(() -> run("heaviest-tent", rejected)).isInstanceOf(LlmException.Authentication.class);
    }

    @Test
    void variablesOfEarlierTasksAreGone() {
        run("heaviest-tent", ScriptedChatModel.replying(HEAVIEST_TENT_CODE, "<solution>TN-104</solution>").onCallerThread());
        ScriptedChatModel model = ScriptedChatModel.replying("<execute>print('weights' in dir())</execute>", "<solution>x</solution>")
                .onCallerThread();
        run("leap-day-weekday", model);
        assertThat(lastUserText(model.requests().get(1))).contains("False");
    }
}
