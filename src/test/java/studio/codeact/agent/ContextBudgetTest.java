package studio.codeact.agent;

import org.junit.jupiter.api.Test;
import studio.codeact.llm.ChatMessage;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ContextBudgetTest {

    private static Exchange.Reply reply(int turn) {
        String code = "result_" + turn + " = compute(" + turn + ")\nprint(result_" + turn + ")";
        return new Exchange.Reply("Step " + turn + ": " + "thinking ".repeat(60) + "\n<execute>\n" + code + "\n</execute>",
                "Step " + turn + ": " + "thinking ".repeat(60), List.of(new Exchange.Action(code, null)), false);
    }

    private static Exchange.Observed observed(int turn, boolean error) {
        String full = "x".repeat(3_000) + (error ? "\nKeyError: 'col" + turn + "'" : "");
        String summary = error ? "[cell " + turn + " failed with KeyError: 'col" + turn + "'; details left out to save context]"
                : "[cell " + turn + " ran; its 3,000 characters of output were left out to save context]";
        return new Exchange.Observed(new TurnObservation(List.of(full), List.of(summary), "[5 turns left]", List.of()), false);
    }

    private static List<Exchange> session(int turns) {
        List<Exchange> exchanges = new ArrayList<>();
        exchanges.add(new Exchange.Question("What drives revenue?"));
        for (int t = 1; t <= turns; t++) {
            exchanges.add(reply(t));
            exchanges.add(observed(t, t % 3 == 0));
        }
        return exchanges;
    }

    private static int size(List<Exchange> exchanges) {
        return exchanges.stream().mapToInt(ContextBudget::size).sum();
    }

    @Test
    void aConversationThatFitsIsSentAsItIs() {
        List<Exchange> exchanges = session(2);

        assertThat(ContextBudget.fit(exchanges, 1_000, 100_000)).isSameAs(exchanges);
    }

    @Test
    void oldObservationsAreShortenedFirstKeepingErrorSummaries() {
        List<Exchange> exchanges = session(6);
        int budget = 1_000 + size(exchanges) - 3 * 3_000;

        List<Exchange> fitted = ContextBudget.fit(exchanges, 1_000, budget);

        assertThat(1_000 + size(fitted)).isLessThanOrEqualTo(budget);
        assertThat(fitted).hasSameSizeAs(exchanges);
        Exchange.Observed first = (Exchange.Observed) fitted.get(2);
        assertThat(first.shortened()).isTrue();
        Exchange.Observed third = (Exchange.Observed) fitted.get(6);
        assertThat(third.observation().text()).contains("KeyError: 'col3'");
        assertThat(fitted.getLast()).as("the latest turn stays whole").isEqualTo(exchanges.getLast());
        assertThat(fitted.get(1)).as("replies keep their code while observations make room").isEqualTo(exchanges.get(1));
    }

    @Test
    void whenShorteningIsNotEnoughTheOldestTurnsAreLeftOutButNeverTheQuestionOrLatestTurn() {
        List<Exchange> exchanges = session(30);

        List<Exchange> fitted = ContextBudget.fit(exchanges, 2_000, 12_000);

        assertThat(2_000 + size(fitted)).isLessThanOrEqualTo(12_000);
        assertThat(fitted.getFirst()).isEqualTo(new Exchange.Question("What drives revenue?"));
        assertThat(fitted.get(1)).isInstanceOfSatisfying(Exchange.Gap.class, gap -> assertThat(gap.turns()).isPositive());
        assertThat(fitted.subList(fitted.size() - 2, fitted.size())).isEqualTo(exchanges.subList(exchanges.size() - 2, exchanges.size()));
        assertThat(fitted.stream().filter(Exchange.Gap.class::isInstance)).hasSize(1);
        Exchange.Reply kept = (Exchange.Reply) fitted.get(2);
        assertThat(kept.text()).contains("<execute>").contains("compute(");
    }

    @Test
    void theSizeSentLevelsOffAsTheSessionGrows() {
        int budget = 20_000;
        List<Integer> sizes = new ArrayList<>();
        for (int turns = 1; turns <= 60; turns++) {
            List<Exchange> fitted = ContextBudget.fit(session(turns), 3_000, budget);
            sizes.add(Conversation.render("s".repeat(3_000), fitted, ActionMode.TAGS, false, false).chars());
        }

        assertThat(sizes).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(budget));
        assertThat(sizes.getLast()).isGreaterThan(budget / 2);
    }

    @Test
    void aGapNoteJoinsThePrecedingUserMessageSoRolesStillAlternate() {
        List<Exchange> fitted = ContextBudget.fit(session(30), 2_000, 12_000);

        List<ChatMessage> messages = Conversation.render("system", fitted, ActionMode.TAGS, false, false).messages();

        for (int i = 2; i < messages.size(); i++) {
            assertThat(messages.get(i).getClass()).as("message %d", i).isNotEqualTo(messages.get(i - 1).getClass());
        }
        assertThat(((ChatMessage.User) messages.get(1)).text()).startsWith("What drives revenue?").contains("earlier turns were left out");
    }
}
