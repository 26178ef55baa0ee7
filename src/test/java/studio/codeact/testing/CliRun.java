package studio.codeact.testing;

import picocli.CommandLine;
import studio.codeact.cli.Main;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** One {@code codeact} command run in this JVM through {@link Main#commandLine()}: its exit code, stdout and stderr. */
public record CliRun(int exit, String out, String err) {

    public static CliRun execute(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = Main.commandLine();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        int exit = line.execute(args.toArray(String[]::new));
        return new CliRun(exit, out.toString(), err.toString());
    }

    public static CliRun execute(String... args) {
        return execute(List.of(args));
    }
}
