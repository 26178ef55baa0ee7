package studio.codeact.cli;

import studio.codeact.agent.AgentEvent;
import studio.codeact.agent.AgentListener;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What Ctrl+C means in the chat at this moment: at the prompt, a hint (Ctrl+D ends); while a cell
 * runs, the first press interrupts that cell (the model sees the {@code KeyboardInterrupt} and goes
 * on); a second press — or a press while the model is writing — ends the turn. Also passes the
 * agent's events on to the terminal, watching them to know whether a cell is running.
 *
 * <p>Thread: {@link #onEvent} on the agent's thread, {@link #press} on the signal thread,
 * {@link #begin}/{@link #end} on the chat's thread.
 */
final class ChatTurn implements AgentListener {

    private final AgentListener terminal;
    private final PrintWriter err;
    private final AtomicInteger presses = new AtomicInteger();
    private volatile CliSession session;
    private volatile boolean cellRunning;

    ChatTurn(AgentListener terminal, PrintWriter err) {
        this.terminal = terminal;
        this.err = err;
    }

    void begin(CliSession running) {
        presses.set(0);
        cellRunning = false;
        session = running;
    }

    void end() {
        session = null;
        cellRunning = false;
    }

    void press() {
        CliSession current = session;
        if (current == null) {
            err.println();
            err.println("codeact: (Ctrl+D ends the chat; the session is saved)");
            err.flush();
            return;
        }
        if (presses.incrementAndGet() == 1 && cellRunning) {
            err.println();
            err.println("codeact: interrupting the running cell (Ctrl+C again ends the turn)");
            err.flush();
            current.engine().interrupt();
        } else {
            err.println();
            err.println("codeact: ending the turn");
            err.flush();
            current.agent().cancel();
        }
    }

    @Override
    public void onEvent(AgentEvent event) {
        switch (event) {
            case AgentEvent.ActionStarted ignored -> cellRunning = true;
            case AgentEvent.ActionFinished ignored -> cellRunning = false;
            default -> { }
        }
        terminal.onEvent(event);
    }
}
