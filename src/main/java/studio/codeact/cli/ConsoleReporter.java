package studio.codeact.cli;

import studio.codeact.agent.AgentEvent;
import studio.codeact.agent.AgentListener;
import studio.codeact.session.CellStatus;

import java.io.PrintWriter;

/**
 * Shows the agent at work on the terminal (stderr): the model's text as it streams, each action
 * as it starts, and the observation the model gets back. The final answer is not printed here:
 * the command prints it on stdout, so {@code codeact ask … > answer.txt} captures only the answer.
 *
 * <p>Thread: called on the agent's thread (see {@link AgentListener}).
 */
final class ConsoleReporter implements AgentListener {

    private final PrintWriter err;
    private final StringBuilder streamed = new StringBuilder();
    private final WaitingLine waiting;
    private boolean midLine;

    ConsoleReporter(PrintWriter err) {
        this(err, WaitingLine.EVERY);
    }

    /** Says "waiting for the model… N s" every {@code every} until the model's first word. */
    ConsoleReporter(PrintWriter err, java.time.Duration every) {
        this.err = err;
        this.waiting = new WaitingLine(err, every);
    }

    @Override
    public void onEvent(AgentEvent event) {
        synchronized (err) {
            show(event);
        }
    }

    private void show(AgentEvent event) {
        switch (event) {
            case AgentEvent.TurnStarted turn -> {
                line("\u2500\u2500 turn " + turn.turn() + " of " + turn.maxTurns() + " \u2500\u2500");
                waiting.start();
            }
            case AgentEvent.AssistantDelta delta -> {
                waiting.stop();
                err.print(delta.text());
                streamed.append(delta.text());
                midLine = !delta.text().endsWith("\n");
            }
            case AgentEvent.AssistantReplied replied -> {
                waiting.stop();
                // Show what the stop sequence cut off and the agent restored (a closing </execute>).
                String whole = replied.text();
                String shown = streamed.toString().stripTrailing();
                if (whole.startsWith(shown) && whole.length() > shown.length()) {
                    endLine();
                    err.print(whole.substring(shown.length()).stripLeading());
                    midLine = true;
                }
                streamed.setLength(0);
                endLine();
            }
            case AgentEvent.ActionStarted started -> line(started.turn() == 0
                    ? "\u25b6 cell " + started.cell() + ": loading the data"
                    : "\u25b6 cell " + started.cell() + ": running the action");
            case AgentEvent.CellOutput output -> {
                // The observation below shows what the model sees, already trimmed to size; only a
                // long computation's progress is shown as it comes.
                if (output.output() instanceof studio.codeact.engine.Output.Display display
                        && display.data().has(studio.codeact.engine.MimeBundle.PROGRESS)) {
                    line("  \u23f3 " + display.data().get(studio.codeact.engine.MimeBundle.TEXT_PLAIN).orElse("working\u2026"));
                }
            }
            case AgentEvent.ActionFinished finished -> {
                if (finished.cell().status() == CellStatus.REJECTED) {
                    line("\u2717 cell " + finished.cell().number() + " was not run");
                }
            }
            case AgentEvent.Observation observation -> line("Observation:\n" + observation.text());
            case AgentEvent.Notice notice -> line("codeact: note: " + notice.text());
            case AgentEvent.TurnFinished ignored -> {
            }
            case AgentEvent.Answered ignored -> {
                waiting.stop(); // not close: a chat reports its next question with the same reporter
                endLine();
            }
            case AgentEvent.Failed failed -> {
                waiting.stop(); // not close: a chat reports its next question with the same reporter
                line("codeact: failed: " + failed.message());
            }
            case AgentEvent.TurnLimitReached limit -> {
                waiting.stop(); // not close: a chat reports its next question with the same reporter
                line("codeact: no answer within " + limit.turns() + " turns (raise --max-turns to allow more)");
            }
            case AgentEvent.Cancelled ignored -> {
                waiting.stop(); // not close: a chat reports its next question with the same reporter
                line("codeact: cancelled");
            }
        }
        err.flush();
    }

    private void line(String text) {
        endLine();
        err.println(text);
    }

    private void endLine() {
        if (midLine) {
            err.println();
            midLine = false;
        }
    }
}
