package studio.codeact.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import studio.codeact.testing.CliRun;
import studio.codeact.testing.DaskClusterFixture;
import studio.codeact.testing.LastingFolder;
import studio.codeact.testing.OpenAiWireServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ask --dask-scheduler} against a real cluster (a scheduler and two workers on loopback,
 * started and stopped here), with the sandbox on: the client connects through the sandbox's one
 * open port, the prompt describes the cluster, and a computation runs on the workers.
 */
class AskDaskClusterTest {

    static final Path DIR = LastingFolder.create("codeact-dask-ask-");
    static DaskClusterFixture cluster;

    @BeforeAll
    static void startCluster() {
        cluster = DaskClusterFixture.start();
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    private record Run(int exit, String out, String err) { }

    private static Run ask(OpenAiWireServer server, String engine, String... extra) {
        List<String> args = new ArrayList<>(List.of("ask", "--engine", engine, "--provider", "openai", "--base-url", server.baseUrl(),
                "--model", "scripted", "--action-mode", "tags", "--settings", DIR.resolve("settings.json").toString(),
                "--out", DIR.resolve("session-" + engine).toString()));
        args.addAll(List.of(extra));
        CliRun run = CliRun.execute(args);
        return new Run(run.exit(), run.out(), run.err());
    }

    @Test
    void aLazyDatasetIsComputedOnTheClusterWorkers() throws Exception {
        Path sales = Files.writeString(DIR.resolve("sales.csv"), "region,price\nnorth,10\nsouth,20\nnorth,30\n"
                + "south,5\n".repeat(200_000));
        try (OpenAiWireServer server = new OpenAiWireServer()) {
            server.thenText("<execute>\nprint(type(sales).__module__)\nprint(sales.price.sum().compute())\n"
                            + "print(len(client.scheduler_info()['workers']))\n"
                            + "print('elsewhere', client.submit(__import__('os').getpid).result() != __import__('os').getpid())\n</execute>")
                    .thenText("<solution>done</solution>");

            Run run = ask(server, "embedded", "--dask-scheduler", cluster.address(), "--eager-limit", "1M", "--data", sales.toString(),
                    "What is the total price?");

            assertThat(run.exit()).as(run.err() + "\n" + cluster.logs()).isZero();
            String prompt = server.requests().get(0).path("messages").path(0).path("content").asText();
            assertThat(prompt).contains("A Dask cluster is connected as `client`").contains(cluster.address())
                    .contains("2 workers, 2 threads").contains("readable by the workers").contains("a lazy Dask DataFrame");
            String observation = OpenAiWireServer.lastObservation(server.requests().get(1));
            assertThat(observation).contains("dask.dataframe.core").contains("1000060").contains("elsewhere True");
            assertThat(observation.lines().filter(l -> l.strip().equals("2"))).hasSize(1);
        }
    }

    @Test
    void anUnreachableSchedulerIsAFailureThatSaysSo() {
        try (OpenAiWireServer server = new OpenAiWireServer()) {
            Run run = ask(server, "kernel", "--dask-scheduler", "tcp://127.0.0.1:9", "What now?");

            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err()).contains("could not connect to the Dask scheduler tcp://127.0.0.1:9");
            assertThat(server.requests()).isEmpty();
        }
    }

    @Test
    void aMalformedSchedulerAddressIsBadInput() {
        try (OpenAiWireServer server = new OpenAiWireServer()) {
            Run run = ask(server, "embedded", "--dask-scheduler", "http://nowhere", "What now?");

            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err()).contains("--dask-scheduler takes the scheduler's address as tcp://HOST:PORT");
        }
    }
}
