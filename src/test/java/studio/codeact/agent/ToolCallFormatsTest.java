package studio.codeact.agent;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ToolCallFormatsTest {

    @Test
    void solutionEndsTheTaskEvenBesideACall() {
        ToolAction action = ActionParser.json("{\"name\": \"x\", \"arguments\": {}}\n<solution> 237.94 </solution>");
        assertThat(action).isEqualTo(new ToolAction.Solution("237.94"));
    }

    @Test
    void unclosedSolutionTakesTheRestOfTheReply() {
        assertThat(ActionParser.solution("I am done. <solution>Germany")).contains("Germany");
    }

    @Test
    void jsonCallIsFoundBareInAFenceOrInExecuteTags() {
        String call = "{\"name\": \"get_store\", \"arguments\": {\"store_id\": \"S03\"}}";
        assertThat(ActionParser.json("Thought: look it up.\n" + call)).isEqualTo(new ToolAction.JsonCall(call, 1));
        assertThat(ActionParser.json("```json\n" + call + "\n```")).isEqualTo(new ToolAction.JsonCall(call, 1));
        assertThat(ActionParser.json("<execute>" + call + "</execute>")).isEqualTo(new ToolAction.JsonCall(call, 1));
    }

    @Test
    void bracesInsideJsonStringsDoNotEndTheObject() {
        String call = "{\"name\": \"calculate\", \"arguments\": {\"expression\": \"sum([1, 2]) } {\"}}";
        assertThat(ActionParser.json(call)).isEqualTo(new ToolAction.JsonCall(call, 1));
    }

    @Test
    void severalJsonCallsAreCountedAndTheFirstKept() {
        ToolAction action = ActionParser.json("{\"name\": \"a\", \"arguments\": {}}\n{\"name\": \"b\", \"arguments\": {}}");
        assertThat(action).isEqualTo(new ToolAction.JsonCall("{\"name\": \"a\", \"arguments\": {}}", 2));
    }

    @Test
    void malformedJsonIsStillHandedOverSoPythonCanSayWhatIsWrong() {
        ToolAction action = ActionParser.json("{\"name\": \"get_store\", \"arguments\": {\"store_id\": \"S03\"");
        assertThat(action).isInstanceOf(ToolAction.JsonCall.class);
        assertThat(((ToolAction.JsonCall) action).json()).startsWith("{\"name\": \"get_store\"");
    }

    @Test
    void replyWithoutCallOrSolutionIsMissing() {
        assertThat(ActionParser.json("I think the answer is probably 4.")).isEqualTo(new ToolAction.Missing());
        assertThat(ActionParser.text("I think the answer is probably 4.")).isEqualTo(new ToolAction.Missing());
    }

    @Test
    void textActionWithInputOnTheNextLine() {
        ToolAction action = ActionParser.text("Thought: I need the store.\nAction: get_store\nAction Input: {\"store_id\": \"S03\"}\n");
        assertThat(action).isEqualTo(new ToolAction.TextCall("get_store", "{\"store_id\": \"S03\"}", 1));
    }

    @Test
    void textActionInputMaySpanLinesAndStopsAtTheNextSection() {
        ToolAction action = ActionParser.text("Action: fit_linear\nAction Input: {\"x\": [1, 2],\n \"y\": [3, 4]}\nObservation: made up");
        assertThat(action).isEqualTo(new ToolAction.TextCall("fit_linear", "{\"x\": [1, 2],\n \"y\": [3, 4]}", 1));
    }

    @Test
    void textActionWithMarkdownAndInlineInput() {
        assertThat(ActionParser.text("**Action:** `weekday`\n**Action Input:** 2024-02-29"))
                .isEqualTo(new ToolAction.TextCall("weekday", "2024-02-29", 1));
        assertThat(ActionParser.text("Action: weekday Action Input: {\"date\": \"2024-02-29\"}"))
                .isEqualTo(new ToolAction.TextCall("weekday", "{\"date\": \"2024-02-29\"}", 1));
    }

    @Test
    void textActionWithoutInputAndFencedInput() {
        assertThat(ActionParser.text("Action: list_stores")).isEqualTo(new ToolAction.TextCall("list_stores", "", 1));
        assertThat(ActionParser.text("Action: get_store\nAction Input: ```json\n{\"store_id\": \"S01\"}\n```"))
                .isEqualTo(new ToolAction.TextCall("get_store", "{\"store_id\": \"S01\"}", 1));
    }

    @Test
    void severalTextActionsAreCounted() {
        ToolAction action = ActionParser.text("Action: a\nAction Input: 1\n\nAction: b\nAction Input: 2");
        assertThat(action).isEqualTo(new ToolAction.TextCall("a", "1", 2));
    }

    @Test
    void aSolutionIsFoundInAnyCaseInEveryFormat() {
        String reply = "Checked twice. <SOLUTION>42</Solution>";
        assertThat(ActionParser.json(reply)).isEqualTo(new ToolAction.Solution("42"));
        assertThat(ActionParser.text(reply)).isEqualTo(new ToolAction.Solution("42"));
        assertThat(ActionParser.parse(reply).solution()).contains("42");
    }
}
