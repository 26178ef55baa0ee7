package studio.codeact.gui.session;

import studio.codeact.engine.ExecutionResult;
import studio.codeact.engine.ExecutionStatus;
import studio.codeact.gui.cells.CellViewModel;
import studio.codeact.gui.cells.NotebookViewModel;
import studio.codeact.gui.chat.ChatItem;
import studio.codeact.gui.chat.ChatViewModel;
import studio.codeact.session.Cell;
import studio.codeact.session.CellStatus;
import studio.codeact.session.Entry;
import studio.codeact.session.Session;

import java.time.Duration;

/**
 * Shows a saved session in the window: its questions, replies and answers in the chat, its
 * cells with their recorded outputs and figures in the history. Nothing runs. Call on the UI thread.
 */
public final class SessionViewer {

    private SessionViewer() {
    }

    /** Shows {@code session}; returns its cells on screen by their recorded number (a continued session re-runs them in place). */
    public static java.util.Map<Integer, CellViewModel> show(Session session, ChatViewModel chat, NotebookViewModel notebook) {
        java.util.Map<Integer, CellViewModel> shown = new java.util.HashMap<>();
        chat.notice(ChatItem.Level.INFO, "Session " + session.id() + " as it was saved"
                + (session.info().model().isEmpty() ? "" : " (model " + session.info().model() + ")")
                + ". Its cells show their recorded outputs; run one to compute it again.");
        for (Entry entry : session.entries()) {
            switch (entry) {
                case Entry.Question question -> chat.question(question.text());
                case Entry.Reply reply -> {
                    chat.assistantDelta(reply.text());
                    chat.assistantDone(null);
                }
                case Entry.CodeCell code -> shown.put(code.cell().number(), show(code.cell(), chat, notebook));
                case Entry.Observation observation -> { }
                case Entry.Answer answer -> chat.answered();
                case Entry.Notice notice -> chat.notice(ChatItem.Level.INFO, notice.text());
                case Entry.Resumed resumed -> chat.notice(ChatItem.Level.INFO, "Run " + resumed.run() + ": " + resumed.note());
            }
        }
        chat.answered();
        return shown;
    }

    private static CellViewModel show(Cell record, ChatViewModel chat, NotebookViewModel notebook) {
        CellViewModel cell = notebook.beginAgentCell(record.code(),
                record.kind() == studio.codeact.session.CellKind.SETUP ? CellViewModel.Origin.DATA : CellViewModel.Origin.AGENT);
        if (record.turn() > 0) {
            chat.actionStarted(cell);
        }
        if (record.status() == CellStatus.REJECTED) {
            notebook.agentAbandoned(cell, "Not run: the user rejected this action.");
        } else {
            notebook.agentFinished(cell, new ExecutionResult(status(record.status()), record.executionCount(), record.outputs(),
                    record.error(), Duration.ofMillis(record.elapsedMillis()), ""));
        }
        chat.actionFinished(cell);
        return cell;
    }

    static ExecutionStatus status(CellStatus status) {
        return switch (status) {
            case OK -> ExecutionStatus.OK;
            case ERROR -> ExecutionStatus.ERROR;
            case TIMED_OUT -> ExecutionStatus.TIMED_OUT;
            case DIED -> ExecutionStatus.DIED;
            case PENDING, ABORTED, REJECTED -> ExecutionStatus.ABORTED;
        };
    }
}
