package studio.codeact.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import studio.codeact.cli.perf.PerfCommand;

/**
 * The headless command line: {@code codeact doctor | perf | ask | chat | bench | replay | recover}.
 * Exit codes (docs/architecture.md): 0 answered/ok, 1 failed, 2 bad usage or input, 3 turn limit.
 */
@Command(name = "codeact", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "CodeAct Studio: a data-science assistant whose language model answers with Python code.",
        subcommands = {DoctorCommand.class, PerfCommand.class, AskCommand.class, ChatCommand.class, ReplayCommand.class, BenchCommand.class, RecoverCommand.class})
public final class Main implements Runnable {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;
    public static final int TURN_LIMIT = 3;

    public static void main(String[] args) {
        if (ProcessGuard.wanted(args)) {
            System.exit(ProcessGuard.run(args));
        }
        CommandLine line = commandLine();
        AnswerChannel.install(line);
        int code = line.execute(args);
        line.getOut().flush();
        Verdict.decided(code);
        System.exit(code);
    }

    /** The configured picocli command line (tests call {@code execute} on it). */
    public static CommandLine commandLine() {
        CommandLine line = new CommandLine(new Main());
        line.setExecutionExceptionHandler((error, cmd, parsed) -> {
            cmd.getErr().println("codeact: " + Errors.sentence(error));
            return error instanceof IllegalArgumentException ? BAD_INPUT : FAILED;
        });
        return line;
    }

    @Override
    public void run() {
        System.err.println("""
                The desktop app is not built yet; the command line works:
                  ./codeact doctor          check Java, Python and the engines
                  ./codeact perf kernel     measure the Jupyter kernel engine
                  ./codeact --help          everything else""");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"CodeAct Studio " + (version == null ? "(development build)" : version)};
        }
    }
}
