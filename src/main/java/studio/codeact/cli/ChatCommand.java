package studio.codeact.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import studio.codeact.agent.DatasetException;
import studio.codeact.engine.EngineException;
import studio.codeact.session.SessionException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * {@code codeact chat}: a conversation about data in the terminal, over one session. Each line
 * typed is a question; the model's reply streams, each action's observation follows, then the
 * next prompt. Ctrl+C interrupts the running cell, a second Ctrl+C ends the turn ({@link ChatTurn});
 * Ctrl+D (end of input) ends the chat and prints where the session was saved. The session folder
 * is created with the first question, or at once when {@code --data} or {@code --resume} gives it
 * something to hold. Exit codes: 0 when the chat ended, 1 when the Python engine failed, 2 bad
 * usage or input.
 */
@Command(name = "chat", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Talk about your data in the terminal: ask, watch the code run, ask the next question.",
                "Ctrl+C interrupts the running cell (a second Ctrl+C ends the turn); Ctrl+D ends the chat."})
public final class ChatCommand implements Callable<Integer> {

    static final String PROMPT = "\u203a ";

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    AgentOptions options;

    @Mixin
    SessionOptions where;

    /** Where the questions come from (the terminal; tests pipe them). */
    InputStream input = System.in;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CliSession.Checked checked;
        try {
            checked = CliSession.check(options, where);
        } catch (IllegalArgumentException | DatasetException e) {
            err.println("codeact: " + e.getMessage());
            return Main.BAD_INPUT;
        }
        BufferedReader terminal = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
        ChatTurn turn = new ChatTurn(new ConsoleReporter(out), err);
        CliSession session = null;
        try (InterruptKey ignored = InterruptKey.install(turn::press)) {
            if (where.resume != null || !options.data.isEmpty()) {
                session = CliSession.open(checked, "", turn, terminal, err);
                session.start();
            }
            out.println("Ask about your data. Ctrl+C interrupts the running cell (twice ends the turn); Ctrl+D ends the chat.");
            while (true) {
                out.print(System.lineSeparator() + PROMPT);
                out.flush();
                String line = terminal.readLine();
                if (line == null) {
                    out.println();
                    break;
                }
                String question = line.strip();
                if (question.isEmpty()) {
                    continue;
                }
                if (session == null) {
                    session = CliSession.open(checked, question, turn, terminal, err);
                    session.start();
                }
                turn.begin(session);
                try {
                    session.ask(question, out, false);
                } finally {
                    turn.end();
                }
                out.flush();
            }
            return Main.OK;
        } catch (DatasetException | SessionException e) {
            err.println("codeact: " + e.getMessage());
            return Main.BAD_INPUT;
        } catch (EngineException e) {
            err.println("codeact: the Python engine failed: " + e.getMessage());
            return Main.FAILED;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            out.flush();
            if (session != null) {
                session.close();
            } else {
                err.println("codeact: nothing to save (no question was asked)");
            }
            err.flush();
        }
    }
}
