package studio.codeact.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import studio.codeact.engine.EngineKind;
import studio.codeact.testing.CliRun;
import studio.codeact.testing.LastingFolder;
import studio.codeact.testing.OpenAiWireServer;
import studio.codeact.testing.PythonCheck;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code codeact ask} on a file bigger than the eager limit, under each local engine: a scripted
 * model behind a real HTTP server, a real interpreter, real Dask (threaded scheduler, inside the
 * sandbox). The file loads lazily with its random sample, the prompt says so, an aggregate is
 * computed, and a whole-frame compute past the memory ceiling ends in MemoryError with advice.
 */
abstract class AskBigDataScenarios {

    /** Lasts the whole JVM: session folders become the engine's working folder. */
    static final Path DIR = LastingFolder.create("codeact-bigdata-test-");
    static Path orders;

    OpenAiWireServer server;

    abstract EngineKind engineKind();

    record Run(int exit, String out, String err) { }

    @BeforeAll
    static void writeFile() {
        if (orders != null) {
            return;
        }
        orders = DIR.resolve("orders.csv");
        // about 30 MB on disk, some 150 MB as pandas: seeded, so the sums are known
        PythonCheck.Result made = PythonCheck.run(DIR, "-c", """
                import numpy as np, pandas as pd
                rng = np.random.default_rng(7)
                n = 600_000
                frame = pd.DataFrame({
                    'day': pd.Timestamp('2024-01-01') + pd.to_timedelta(rng.integers(0, 365, n), unit='D'),
                    'region': rng.choice(['north', 'south', 'east', 'west'], n),
                    'customer': ['c%06d' % i for i in rng.integers(0, 200_000, n)],
                    'amount': rng.integers(1, 1000, n),
                    'note': ['order %d' % i for i in range(n)]})
                frame.to_csv('orders.csv', index=False)
                print(int(frame[frame.region == 'north'].amount.sum()))
                """);
        assertThat(made.exitCode()).as(made.output()).isZero();
        System.setProperty("codeact.test.northSum", made.output().strip());
    }

    @BeforeEach
    void startServer() {
        server = new OpenAiWireServer();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    Run ask(String name, String... extra) {
        List<String> args = new ArrayList<>(List.of("ask", "--engine", engineKind().id(), "--provider", "openai",
                "--base-url", server.baseUrl(), "--model", "scripted", "--action-mode", "tags",
                "--settings", DIR.resolve("settings.json").toString(), "--out", DIR.resolve(engineKind().id() + "-" + name).toString(),
                "--data", orders.toString()));
        args.addAll(List.of(extra));
        CliRun run = CliRun.execute(args);
        return new Run(run.exit(), run.out(), run.err());
    }

    String systemPrompt() {
        return server.requests().get(0).path("messages").path(0).path("content").asText();
    }

    @Test
    void aFileOverTheEagerLimitIsADaskFrameWithASampleAndAnAggregateIsComputed() {
        server.thenText("<execute>\nprint(type(orders).__module__, len(orders_sample), orders_sample['day'].dtype)\n"
                        + "print(orders[orders.region == 'north'].amount.sum().compute())\n</execute>")
                .thenText("<execute>\n__import__('codeact_support').DaskProgress.QUIET = 0\n"
                        + "print(orders.amount.max().compute())\norders\n</execute>")
                .thenText("<solution>done</solution>");

        Run run = ask("lazy", "--eager-limit", "20M", "How much did the north sell?");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(systemPrompt()).contains("`orders` from").contains("a lazy Dask DataFrame (out of core)")
                .contains("partitions").contains("`orders_sample` is a seeded random sample").contains(".compute()")
                .contains("day (datetime64[ns])").contains("region (category)");
        String observation = OpenAiWireServer.lastObservation(server.requests().get(1));
        assertThat(observation).contains("dask.dataframe.core").contains("datetime64[ns]")
                .contains(System.getProperty("codeact.test.northSum"));
        // a lazy result shows as its first rows with what was not computed; progress reaches stderr, not the model
        String shown = OpenAiWireServer.lastObservation(server.requests().get(2));
        assertThat(shown).contains("999").contains("lazy: ").contains(" partitions, ~").contains("region").doesNotContain("dask: ");
        assertThat(run.err()).contains("dask: ").contains("tasks");
    }

    @Test
    void aWholeFrameComputePastTheCeilingIsAMemoryErrorWithAdvice() {
        server.thenText("<execute>\neverything = orders.compute()\n</execute>")
                .thenText("<execute>\nprint(orders.groupby('region', observed=True).amount.sum().compute().sort_index())\n</execute>")
                .thenText("<solution>done</solution>");

        Run run = ask("ceiling", "--memory-limit", "60M", "Load it all");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(systemPrompt()).contains("a lazy Dask DataFrame");
        assertThat(OpenAiWireServer.lastObservation(server.requests().get(1))).contains("MemoryError")
                .contains("Aggregate or filter first");
        assertThat(OpenAiWireServer.lastObservation(server.requests().get(2))).contains("north").contains("west");
    }
}
