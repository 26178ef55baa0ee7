package studio.codeact.agent;

import studio.codeact.session.Cell;
import studio.codeact.session.CellKind;
import studio.codeact.session.CellStatus;
import studio.codeact.session.Entry;
import studio.codeact.session.Session;

import java.util.ArrayList;
import java.util.List;

/**
 * A saved session's conversation as the agent keeps it, so that a continued session (a later
 * run) shows the model what was asked, what it wrote and what it saw. Replies are read back from
 * their CodeAct form (actions in {@code <execute>} tags, which every action mode accepts);
 * observations keep their recorded text, with the short form {@link ContextBudget} falls back to
 * built from the cells they describe. The budget applies to the restored turns as to any others.
 */
final class ResumedConversation {

    static final String NO_REPLY = "(No reply: that run ended before the model answered.)";
    static final String NOT_FINISHED = "[Not finished: that run ended here.]";

    private ResumedConversation() {
    }

    static List<Exchange> of(Session session) {
        List<Exchange> exchanges = new ArrayList<>();
        List<Cell> turnCells = new ArrayList<>();
        for (Entry entry : session.entries()) {
            switch (entry) {
                case Entry.Question question -> {
                    closeOpenTurn(exchanges);
                    if (!exchanges.isEmpty() && exchanges.getLast() instanceof Exchange.Question) {
                        exchanges.add(new Exchange.Reply(NO_REPLY, NO_REPLY, List.of(), false));
                    }
                    exchanges.add(new Exchange.Question(question.text()));
                }
                case Entry.Reply reply -> {
                    closeOpenTurn(exchanges);
                    ParsedReply parsed = ActionParser.parse(reply.text());
                    exchanges.add(new Exchange.Reply(parsed.text(), parsed.prose(),
                            parsed.actions().stream().map(code -> new Exchange.Action(code, null)).toList(), false));
                    turnCells.clear();
                }
                case Entry.CodeCell code -> {
                    if (code.cell().kind() == CellKind.ACTION) {
                        turnCells.add(code.cell());
                    }
                }
                case Entry.Observation observation -> {
                    if (exchanges.isEmpty() || !(exchanges.getLast() instanceof Exchange.Reply reply) || !reply.hasActions()) {
                        continue;
                    }
                    String text = observation.text().startsWith(Conversation.OBSERVATION_HEADING)
                            ? observation.text().substring(Conversation.OBSERVATION_HEADING.length()) : observation.text();
                    exchanges.add(new Exchange.Observed(new TurnObservation(List.of(text), List.of(summary(turnCells)), "", List.of()), false));
                    turnCells.clear();
                }
                case Entry.Answer ignored -> { }
                case Entry.Notice ignored -> { }
                case Entry.Resumed ignored -> { }
            }
        }
        closeOpenTurn(exchanges);
        if (!exchanges.isEmpty() && exchanges.getLast() instanceof Exchange.Question) {
            exchanges.add(new Exchange.Reply(NO_REPLY, NO_REPLY, List.of(), false));
        }
        return exchanges;
    }

    /** A reply with actions is always followed by an observation, so the conversation stays well-formed. */
    private static void closeOpenTurn(List<Exchange> exchanges) {
        if (!exchanges.isEmpty() && exchanges.getLast() instanceof Exchange.Reply reply && reply.hasActions()) {
            exchanges.add(new Exchange.Observed(new TurnObservation(List.of(NOT_FINISHED), List.of(NOT_FINISHED), "", List.of()), false));
        }
    }

    /** The short form of a restored observation: per cell, whether it worked. */
    static String summary(List<Cell> cells) {
        if (cells.isEmpty()) {
            return "[output left out to save context]";
        }
        List<String> lines = new ArrayList<>();
        for (Cell cell : cells) {
            String how = switch (cell.status()) {
                case OK -> "ran";
                case ERROR -> "failed with " + cell.error().map(e -> e.summary()).orElse("an error");
                case TIMED_OUT -> "ran past the time limit";
                case DIED -> "killed the Python process";
                case REJECTED -> "was refused by the user";
                case PENDING, ABORTED -> "did not finish";
            };
            lines.add("[cell " + cell.number() + " " + how + "; details left out to save context]");
        }
        return String.join("\n", lines);
    }

    /** Whether a recorded cell runs again when the session continues: only code that worked then. */
    static boolean runsAgain(Cell cell) {
        return cell.status() == CellStatus.OK;
    }
}
