package studio.codeact.cli.perf;

import picocli.CommandLine.Command;

/** {@code codeact perf …}: benchmarks that print figures as one JSON object. */
@Command(name = "perf", mixinStandardHelpOptions = true,
        description = "Measure an engine, the model client or the agent; prints one JSON object.",
        subcommands = {PerfKernelCommand.class, PerfEmbeddedCommand.class, PerfRemoteCommand.class, PerfLlmCommand.class, PerfAgentCommand.class,
                PerfBigDataCommand.class})
public final class PerfCommand {
}
