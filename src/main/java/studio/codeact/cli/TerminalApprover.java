package studio.codeact.cli;

import studio.codeact.agent.Approver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * {@code --confirm}: shows each action on the terminal and asks whether to run it, skip it, or
 * replace it with code typed in (ended by a line holding only a dot). End of input counts as "no".
 *
 * <p>Thread: called on the agent's thread, which blocks while the user decides.
 */
final class TerminalApprover implements Approver {

    private final BufferedReader in;
    private final PrintWriter err;

    TerminalApprover(BufferedReader in, PrintWriter err) {
        this.in = in;
        this.err = err;
    }

    @Override
    public Decision review(int cell, String code) {
        err.println("\u250c cell " + cell + " wants to run:");
        code.lines().forEach(line -> err.println("\u2502 " + line));
        err.println("\u2514");
        while (true) {
            err.print("Run it? [y]es / [n]o / [e]dit: ");
            err.flush();
            String answer = read();
            if (answer == null) {
                err.println();
                return new Decision.Reject("no answer on the terminal");
            }
            switch (answer.strip().toLowerCase(Locale.ROOT)) {
                case "y", "yes", "" -> {
                    return new Decision.Run();
                }
                case "n", "no" -> {
                    err.print("Why not (optional, passed to the model): ");
                    err.flush();
                    String reason = read();
                    return new Decision.Reject(reason == null ? "" : reason.strip());
                }
                case "e", "edit" -> {
                    err.println("Type the code to run instead; end with a line holding only a dot (.)");
                    StringBuilder replacement = new StringBuilder();
                    String line;
                    while ((line = read()) != null && !line.equals(".")) {
                        replacement.append(line).append('\n');
                    }
                    return replacement.isEmpty() ? new Decision.Reject("the user gave no replacement code")
                            : new Decision.Edit(replacement.toString().stripTrailing());
                }
                default -> err.println("Please answer y, n or e.");
            }
        }
    }

    private String read() {
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
