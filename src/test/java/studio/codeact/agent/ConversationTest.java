package studio.codeact.agent;

import org.junit.jupiter.api.Test;
import studio.codeact.llm.ChatMessage;
import studio.codeact.llm.ToolCall;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ConversationTest {

    private static final ToolCall CALL_A = new ToolCall("call_a", "execute_python", "{\"code\": \"print(1)\"}");
    private static final ToolCall CALL_B = new ToolCall("call_b", "execute_python", "{\"code\": \"print(2)\"}");
    private static final Figure FIGURE = new Figure(1, "figures/001.png", Optional.empty(), new byte[] {1, 2, 3});

    private static List<Exchange> toolTurn() {
        return List.of(new Exchange.Question("q?"),
                new Exchange.Reply("Checking.", "Checking.", List.of(new Exchange.Action("print(1)", CALL_A), new Exchange.Action("print(2)", CALL_B)), true),
                new Exchange.Observed(new TurnObservation(List.of("1", "2"), List.of("s1", "s2"), "[9 turns left]", List.of(FIGURE)), false));
    }

    @Test
    void tagModeSendsObservationsAsUserMessages() {
        List<Exchange> exchanges = List.of(new Exchange.Question("q?"),
                new Exchange.Reply("<execute>\nprint(1)\n</execute>", "", List.of(new Exchange.Action("print(1)", null)), false),
                new Exchange.Observed(new TurnObservation(List.of("1"), List.of("s"), "[9 turns left]", List.of()), false));

        List<ChatMessage> messages = Conversation.render("sys", exchanges, ActionMode.TAGS, false, false).messages();

        assertThat(messages).containsExactly(new ChatMessage.System("sys"), ChatMessage.User.text("q?"),
                ChatMessage.Assistant.text("<execute>\nprint(1)\n</execute>"), ChatMessage.User.text("Observation:\n1\n[9 turns left]"));
    }

    @Test
    void toolModeAnswersEveryCallWithItsResultAndTheFooterOnTheLast() {
        List<ChatMessage> messages = Conversation.render("sys", toolTurn(), ActionMode.TOOLS, false, false).messages();

        assertThat(messages).containsExactly(new ChatMessage.System("sys"), ChatMessage.User.text("q?"),
                new ChatMessage.Assistant("Checking.", List.of(CALL_A, CALL_B)),
                new ChatMessage.ToolResult("call_a", "execute_python", "1"),
                new ChatMessage.ToolResult("call_b", "execute_python", "2\n[9 turns left]"));
    }

    @Test
    void afterFallingBackToTagsToolRepliesAreSentAsTaggedText() {
        List<ChatMessage> messages = Conversation.render("sys", toolTurn(), ActionMode.TAGS, false, false).messages();

        assertThat(messages.get(2)).isEqualTo(ChatMessage.Assistant.text("Checking.\n<execute>\nprint(1)\n</execute>\n<execute>\nprint(2)\n</execute>"));
        assertThat(messages.get(3)).isEqualTo(ChatMessage.User.text("Observation:\n[action 1 of 2]\n1\n\n[action 2 of 2]\n2\n[9 turns left]"));
    }

    @Test
    void foldingPutsTheSystemPromptAtTheStartOfTheFirstUserMessage() {
        List<ChatMessage> messages = Conversation.render("sys", toolTurn(), ActionMode.TOOLS, true, false).messages();

        assertThat(messages.getFirst()).isInstanceOfSatisfying(ChatMessage.User.class, user -> assertThat(user.text()).isEqualTo("sys\n\n---\n\nq?"));
        assertThat(messages).noneMatch(ChatMessage.System.class::isInstance);
    }

    @Test
    void visionModelsGetTheLatestFiguresAsImages() {
        List<ChatMessage> messages = Conversation.render("sys", toolTurn(), ActionMode.TOOLS, false, true).messages();

        assertThat(messages.getLast()).isInstanceOfSatisfying(ChatMessage.User.class, user -> {
            assertThat(user.text()).contains("figures");
            assertThat(user.content()).anySatisfy(part -> assertThat(part).isInstanceOf(ChatMessage.Content.Image.class));
        });
        List<ChatMessage> tagged = Conversation.render("sys", toolTurn(), ActionMode.TAGS, false, true).messages();
        assertThat(((ChatMessage.User) tagged.getLast()).content()).hasSize(2);
    }

    @Test
    void charactersCountTextAndToolArguments() {
        Conversation.Rendered rendered = Conversation.render("sys", toolTurn(), ActionMode.TOOLS, false, false);

        int expected = "sys".length() + "q?".length() + "Checking.".length() + CALL_A.argumentsJson().length()
                + CALL_B.argumentsJson().length() + "1".length() + "2\n[9 turns left]".length();
        assertThat(rendered.chars()).isEqualTo(expected);
    }
}
