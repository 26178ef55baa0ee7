package studio.codeact.bench;

import studio.codeact.agent.ActionFormat;

import org.junit.jupiter.api.Test;
import studio.codeact.llm.ChatMessage;
import studio.codeact.llm.ChatRequest;
import studio.codeact.llm.Usage;
import studio.codeact.llm.scripted.ScriptedChatModel;
import studio.codeact.llm.scripted.ScriptedReply;

import static org.assertj.core.api.Assertions.assertThat;

/** The json mode against the built-in suite, a scripted model and a real engine. */
class JsonModeTest {

    private static TaskResult run(String taskId, ScriptedChatModel model) {
        return new ToolCallEpisode(ActionFormat.JSON).run(SharedEngine.builtinSuite(), SharedEngine.task(taskId),
                new ModelUnderTest("scripted", "scripted", model, 0.0, null), SharedEngine.python()).result();
    }

    static String lastUserText(ChatRequest request) {
        return ((ChatMessage.User) request.messages().getLast()).text();
    }

    @Test
    void correctCallsRunTheToolsAndARightSolutionIsScoredSuccess() {
        ScriptedChatModel model = new ScriptedChatModel().onCallerThread()
                .then(ScriptedReply.text("Thought: find the area.\n{\"name\": \"get_store\", \"arguments\": {\"store_id\": \"S02\"}}")
                        .withUsage(new Usage(300, 20)))
                .then(ScriptedReply.text("```json\n{\"name\": \"convert_units\", \"arguments\": {\"value\": 12900, \"from_unit\": \"sq ft\", \"to_unit\": \"m2\"}}\n```")
                        .withUsage(new Usage(400, 30)))
                .then(ScriptedReply.text("<solution>1198.4</solution>").withUsage(new Usage(500, 10)));

        TaskResult result = run("store-area-m2", model);

        assertThat(result.outcome()).isEqualTo(Outcome.SOLVED);
        assertThat(result.turns()).isEqualTo(3);
        assertThat(result.actions()).isEqualTo(2);
        assertThat(result.tokens()).isEqualTo(1260);
        assertThat(result.answer()).isEqualTo("1198.4");
        String firstObservation = lastUserText(model.requests().get(1));
        assertThat(firstObservation).startsWith("Observation:\n{\"store_id\": \"S02\"").contains("\"floor_area_unit\": \"sq ft\"")
                .contains("You have 9 replies left.");
        assertThat(lastUserText(model.requests().get(2))).startsWith("Observation:\n1198.449216");
        assertThat(model.requests().getFirst().messages().getFirst()).isInstanceOf(ChatMessage.System.class);
        String prompt = ((ChatMessage.User) model.requests().getFirst().messages().get(1)).text();
        assertThat(prompt).contains("- get_store(store_id: str) -> dict\n    A store's city, country")
                .contains("{\"name\": \"tool_name\", \"arguments\"")
                .contains("Task: What is the floor area of store S02 in square metres?");
    }

    @Test
    void aWrongSolutionIsScoredFailureWithTheReason() {
        ScriptedChatModel model = ScriptedChatModel.replying("<solution>12900</solution>").onCallerThread();
        TaskResult result = run("store-area-m2", model);
        assertThat(result.outcome()).isEqualTo(Outcome.WRONG_ANSWER);
        assertThat(result.success()).isFalse();
        assertThat(result.error()).contains("expected 1198.4");
    }

    @Test
    void malformedJsonIsAnsweredWithWhatIsWrongAndTheFormat() {
        ScriptedChatModel model = ScriptedChatModel.replying(
                "{\"name\": \"get_store\", \"arguments\": {\"store_id\": \"S02\"}",
                "<solution>1198.4</solution>").onCallerThread();
        TaskResult result = run("store-area-m2", model);
        String observation = lastUserText(model.lastRequest());
        assertThat(observation).contains("Your tool call is not valid JSON")
                .contains("line 1, column")
                .contains("{\"name\": \"tool_name\", \"arguments\": {\"parameter\": \"value\"}}");
        assertThat(result.outcome()).isEqualTo(Outcome.SOLVED);
        assertThat(result.turns()).isEqualTo(2);
    }

    @Test
    void aWrongToolNameIsAnsweredWithTheToolsThereAre() {
        ScriptedChatModel model = ScriptedChatModel.replying(
                "{\"name\": \"get_shop\", \"arguments\": {\"store_id\": \"S02\"}}", "<solution>1</solution>").onCallerThread();
        run("store-area-m2", model);
        assertThat(lastUserText(model.lastRequest()))
                .contains("There is no tool named 'get_shop'. Did you mean get_store?")
                .contains("The tools you can use are: calculate, convert_units, get_store.");
    }

    @Test
    void toolsTheTaskDoesNotListAreNotCallable() {
        ScriptedChatModel model = ScriptedChatModel.replying(
                "{\"name\": \"weekday\", \"arguments\": {\"date\": \"2024-01-01\"}}", "<solution>1</solution>").onCallerThread();
        run("store-area-m2", model);
        assertThat(lastUserText(model.lastRequest())).contains("There is no tool named 'weekday'");
    }

    @Test
    void argumentsAreCheckedAgainstTheSignature() {
        ScriptedChatModel model = ScriptedChatModel.replying(
                "{\"name\": \"convert_units\", \"arguments\": {\"value\": \"12900\", \"from_unit\": \"sq ft\"}}",
                "{\"name\": \"convert_units\", \"arguments\": {\"value\": \"lots\", \"from_unit\": \"sq ft\", \"to_unit\": \"m2\"}}",
                "<solution>1</solution>").onCallerThread();
        run("store-area-m2", model);
        assertThat(lastUserText(model.requests().get(1)))
                .contains("missing a required argument: 'to_unit'")
                .contains("convert_units(value: float, from_unit: str, to_unit: str) -> float");
        assertThat(lastUserText(model.requests().get(2))).contains("expected float, got str 'lots'");
    }

    @Test
    void aToolErrorIsAnObservationAndTheTaskGoesOn() {
        ScriptedChatModel model = ScriptedChatModel.replying(
                "{\"name\": \"get_store\", \"arguments\": {\"store_id\": \"S99\"}}", "<solution>1198.4</solution>").onCallerThread();
        TaskResult result = run("store-area-m2", model);
        assertThat(lastUserText(model.lastRequest())).contains("get_store(store_id='S99') failed: KeyError").contains("no store 'S99'");
        assertThat(result.outcome()).isEqualTo(Outcome.SOLVED);
    }

    @Test
    void aReplyWithoutCallOrSolutionIsToldTheFormat() {
        ScriptedChatModel model = ScriptedChatModel.replying("Let me think about it.", "<solution>1198.4</solution>").onCallerThread();
        run("store-area-m2", model);
        assertThat(lastUserText(model.lastRequest())).contains("Your reply had no tool call and no <solution>")
                .contains("{\"name\": \"tool_name\"");
    }

    @Test
    void theTurnLimitEndsTheTaskWithoutAnAnswer() {
        BenchTask task = SharedEngine.task("store-area-m2");
        ScriptedChatModel model = new ScriptedChatModel().onCallerThread();
        for (int i = 0; i < task.maxTurns(); i++) {
            model.thenText("{\"name\": \"get_store\", \"arguments\": {\"store_id\": \"S02\"}}");
        }
        TaskResult result = run("store-area-m2", model);
        assertThat(result.outcome()).isEqualTo(Outcome.TURN_LIMIT);
        assertThat(result.turns()).isEqualTo(task.maxTurns());
        assertThat(model.remainingReplies()).isZero();
        assertThat(lastUserText(model.lastRequest())).contains("This is your last reply");
    }
}
