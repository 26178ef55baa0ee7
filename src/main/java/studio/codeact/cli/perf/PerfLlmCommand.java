package studio.codeact.cli.perf;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import studio.codeact.cli.Main;

import java.util.concurrent.Callable;

/** {@code codeact perf llm}: the model client's own cost per streamed token, as one JSON object. */
@Command(name = "llm", mixinStandardHelpOptions = true,
        description = {"Stream a long OpenAI-format reply from a local test server through the real model client and print,",
            "as one JSON object, the client's overhead per token (reader-thread CPU for read + parse + dispatch;",
            "target < 20 µs; wall time per token is shown too) and the delay from the last byte received to the",
            "final response (target < 5 ms)."})
public final class PerfLlmCommand implements Callable<Integer> {

    @Option(names = "--tokens", defaultValue = "20000", description = "Tokens in the streamed reply (default: ${DEFAULT-VALUE}).")
    int tokens;

    @Option(names = "--runs", defaultValue = "5", description = "Measured runs; the median is printed (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--warmups", defaultValue = "3", description = "Unmeasured runs first, to warm up the JIT (default: ${DEFAULT-VALUE}).")
    int warmups;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (tokens < 2 || runs < 1 || warmups < 0) {
            throw new IllegalArgumentException("--tokens must be at least 2, --runs at least 1, --warmups 0 or more");
        }
        LlmStreamBenchmark.Result result = LlmStreamBenchmark.run(tokens, warmups, runs);
        spec.commandLine().getOut().println(result.toJson());
        spec.commandLine().getOut().flush();
        return Main.OK;
    }
}
