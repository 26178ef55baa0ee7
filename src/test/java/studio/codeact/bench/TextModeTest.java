package studio.codeact.bench;

import studio.codeact.agent.ActionFormat;

import org.junit.jupiter.api.Test;
import studio.codeact.llm.ChatMessage;
import studio.codeact.llm.scripted.ScriptedChatModel;

import static org.assertj.core.api.Assertions.assertThat;
import static studio.codeact.bench.JsonModeTest.lastUserText;

/** The text mode against the built-in suite, a scripted model and a real engine. */
class TextModeTest {

    private static TaskResult run(String taskId, ScriptedChatModel model) {
        return new ToolCallEpisode(ActionFormat.TEXT).run(SharedEngine.builtinSuite(), SharedEngine.task(taskId),
                new ModelUnderTest("scripted", "scripted", model, 0.0, null), SharedEngine.python()).result();
    }

    @Test
    void actionLinesRunTheToolAndTheSolutionIsScored() {
        ScriptedChatModel model = ScriptedChatModel.replying(
                "Thought: first the store.\nAction: get_store\nAction Input: {\"store_id\": \"S03\"}",
                "Action: days_between\nAction Input: start=\"2018-05-21\", end=\"2024-12-31\"",
                "<solution>2416</solution>").onCallerThread();

        TaskResult result = run("store-days-open", model);

        assertThat(result.outcome()).isEqualTo(Outcome.SOLVED);
        assertThat(result.turns()).isEqualTo(3);
        assertThat(lastUserText(model.requests().get(1))).contains("\"opened\": \"2018-05-21\"");
        assertThat(lastUserText(model.requests().get(2))).startsWith("Observation:\n2416");
        String prompt = ((ChatMessage.User) model.requests().getFirst().messages().get(1)).text();
        assertThat(prompt).contains("Action: tool_name\nAction Input:");
        assertThat(model.requests().getFirst().stop()).containsExactly("Observation:");
    }

    @Test
    void aWrongToolNameIsAnsweredWithTheToolsThereAre() {
        ScriptedChatModel model = ScriptedChatModel.replying(
                "Action: days_betwen\nAction Input: {\"start\": \"2018-05-21\"}", "<solution>0</solution>").onCallerThread();
        TaskResult result = run("store-days-open", model);
        assertThat(lastUserText(model.lastRequest())).contains("There is no tool named 'days_betwen'. Did you mean days_between?");
        assertThat(result.outcome()).isEqualTo(Outcome.WRONG_ANSWER);
    }

    @Test
    void onlyTheFirstOfSeveralActionsRunsAndTheModelIsTold() {
        ScriptedChatModel model = ScriptedChatModel.replying(
                "Action: get_store\nAction Input: {\"store_id\": \"S03\"}\n\nAction: days_between\nAction Input: {}",
                "<solution>2416</solution>").onCallerThread();
        run("store-days-open", model);
        assertThat(lastUserText(model.lastRequest())).contains("\"store_id\": \"S03\"")
                .contains("only one tool call per turn; the first of the 2 you wrote ran");
    }

    @Test
    void aFakedObservationIsCutByTheStopSequence() {
        ScriptedChatModel model = ScriptedChatModel.replying(
                "Action: get_store\nAction Input: {\"store_id\": \"S03\"}\nObservation: {\"opened\": \"1999-01-01\"}",
                "<solution>2416</solution>").onCallerThread();
        run("store-days-open", model);
        assertThat(lastUserText(model.lastRequest())).contains("\"opened\": \"2018-05-21\"").doesNotContain("1999");
    }
}
