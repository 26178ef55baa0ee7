package studio.codeact.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code codeact bench} end to end: a real engine, and for runs a real HTTP server speaking OpenAI's format. */
class BenchCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int bench(String... args) {
        CommandLine line = Main.commandLine();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        String[] full = new String[args.length + 1];
        full[0] = "bench";
        System.arraycopy(args, 0, full, 1, args.length);
        return line.execute(full);
    }

    @Test
    void listPrintsOneTaskIdAndTitlePerLine() {
        assertThat(bench("--list", "--engine", "kernel")).as(err.toString()).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSizeGreaterThanOrEqualTo(55);
        assertThat(lines.getFirst()).isEqualTo("product-weight-kg\tWeight of TN-101 in kilograms");
        assertThat(lines).allMatch(line -> line.split("\t").length == 2);
    }

    @Test
    void checkSuiteFailsWhenAReferenceDoesNotPassItsChecker() throws Exception {
        Path suite = Files.createDirectories(folder.resolve("suite/tasks"));
        Files.writeString(folder.resolve("suite/tools.py"), """
                def double(x: float) -> float:
                    \"\"\"Twice x.\"\"\"
                    return 2 * x
                """);
        Files.writeString(folder.resolve("suite/reference.py"), """
                def twice_twice(t):
                    return t.double(t.double(3))
                """);
        Files.writeString(suite.resolve("a.json"), """
                {"id": "twice-twice", "instruction": "Double 3 twice.", "tools": ["double"], "answer": 13}
                """);
        assertThat(bench("--check-suite", "--suite", folder.resolve("suite").toString(), "--engine", "kernel")).isEqualTo(Main.FAILED);
        assertThat(out.toString()).contains("FAIL twice-twice").contains("expected 13").contains("1 tasks: 0 passed, 1 failed");
    }

    @Test
    void aSuiteThatCannotBeReadIsBadInput() throws Exception {
        assertThat(bench("--list", "--suite", folder.resolve("nowhere").toString())).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString()).contains("no suite folder at");
        Files.createDirectories(folder.resolve("empty"));
        assertThat(bench("--list", "--suite", folder.resolve("empty").toString(), "--engine", "kernel")).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString()).contains("holds no tasks");
    }

    @Test
    void aRunOverHttpWritesResultsSummaryAndChartAndResumes() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.start(InetAddress.getLoopbackAddress(), 0);
            server.enqueue(reply("{\"name\": \"weekday\", \"arguments\": {\"date\": \"2024-02-29\"}}"));
            server.enqueue(reply("<solution>Thursday</solution>"));
            server.enqueue(reply("Action: weekday\nAction Input: {\"date\": \"2024-02-29\"}"));
            server.enqueue(reply("<solution>Friday</solution>"));
            String[] args = {"--mode", "json,text", "--task", "leap-day-weekday", "--provider", "openai",
                    "--base-url", server.url("/v1").toString(), "--model", "test-model", "--engine", "kernel",
                    "--out", folder.resolve("run").toString()};

            assertThat(bench(args)).as(err.toString()).isZero();

            assertThat(server.getRequestCount()).isEqualTo(4);
            assertThat(server.takeRequest().getBody().utf8()).contains("\"model\":\"test-model\"").contains("2024-02-29");
            assertThat(out.toString()).contains("| test-model | json | 100.0% | 1/1 | 2.00 | 18 | 0 |")
                    .contains("| test-model | text | 0.0% | 0/1 | 2.00 | 18 | 0 |");
            assertThat(err.toString()).contains("1 task × 2 modes × 1 model = 2 runs on 1 kernel engine")
                    .contains("[2/2] success 1/2 (50.0%)");
            assertThat(Files.readAllLines(folder.resolve("run/results.jsonl"))).hasSize(2);
            assertThat(folder.resolve("run/summary.md")).content().contains("## Atomic tasks");
            assertThat(folder.resolve("run/summary.png")).isNotEmptyFile();

            assertThat(bench(args)).as("a second run resumes and asks the model nothing").isZero();
            assertThat(server.getRequestCount()).isEqualTo(4);
            assertThat(err.toString()).contains("resuming: 2 of 2 runs already done");
        }
    }

    @Test
    void codeModeRunsTheCodeActAgentWithTheToolsAsFunctions() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.start(InetAddress.getLoopbackAddress(), 0);
            server.enqueue(reply("<execute>\nprint(sum(len(list_products(c)) for c in ['tents']))\n"));
            server.enqueue(reply("<solution>4</solution>"));
            int exit = bench("--mode", "code", "--task", "tent-count", "--provider", "openai", "--model", "m",
                    "--base-url", server.url("/v1").toString(), "--out", folder.resolve("code").toString());

            assertThat(exit).as(err.toString()).isZero();
            String first = server.takeRequest().getBody().utf8();
            assertThat(first).contains("</execute>").as("the tag stop sequence").contains("list_products(category: str = '')");
            assertThat(server.takeRequest().getBody().utf8()).contains("4");
            assertThat(out.toString()).contains("| m | code | 100.0% | 1/1 | 2.00 |");
            assertThat(folder.resolve("code/transcripts/m/code/tent-count.json")).content().contains("\"outcome\" : \"solved\"");
        }
    }

    @Test
    void aDeadModelServerEndsInExitOneWithTheFlagsToCheck() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path out = folder.resolve("dead");
        int exit = bench("--base-url", "http://127.0.0.1:" + port + "/v1", "--model", "m", "--task", "leap-day-weekday",
                "--mode", "text", "--protocol", "m3tooleval", "--out", out.toString());
        assertThat(exit).as(err.toString()).isEqualTo(Main.FAILED);
        assertThat(err.toString()).contains("1 run ended in a model-server or engine error").contains("could not connect")
                .contains("--base-url").doesNotContain("Settings");
        assertThat(out.resolve("run.lock")).doesNotExist();
        assertThat(Files.readString(out.resolve("summary.md"))).contains("Protocol: m3tooleval");
        assertThat(JSON.readTree(Files.readString(out.resolve("run.json"))).path("protocol").asText()).isEqualTo("m3tooleval");
    }

    @Test
    void aCloudModelWithoutAnApiKeyIsBadInputBeforeAnythingStarts() {
        int exit = bench("--provider", "anthropic", "--api-key-env", "CODEACT_BENCH_TEST_UNSET_KEY", "--out", folder.resolve("x").toString());
        assertThat(exit).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString()).contains("CODEACT_BENCH_TEST_UNSET_KEY");
        assertThat(folder.resolve("x")).doesNotExist();
    }

    @Test
    void severalJobsRunTasksOnAPoolOfKernelEngines() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.start(InetAddress.getLoopbackAddress(), 0);
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    String body = request.getBody().utf8();
                    String answer = body.contains("2024-02-29") ? "Thursday" : body.contains("store S05") ? "CHF" : "4";
                    return reply("<solution>" + answer + "</solution>");
                }
            });
            int exit = bench("--mode", "json", "--task", "leap-day-weekday,store-currency,tent-count", "--jobs", "2",
                    "--base-url", server.url("/v1").toString(), "--provider", "openai", "--model", "m",
                    "--out", folder.resolve("pool").toString());

            assertThat(exit).as(err.toString()).isZero();
            assertThat(err.toString()).contains("3 runs on 2 kernel engines").contains("[3/3] success 3/3 (100.0%)");
            assertThat(out.toString()).contains("| m | json | 100.0% | 3/3 | 1.00 |");
        }
    }

    @Test
    void theEmbeddedEngineRunsOneTaskAtATime() {
        assertThat(bench("--list", "--jobs", "3", "--engine", "embedded")).as(err.toString()).isZero();
        assertThat(err.toString()).contains("the embedded engine is one interpreter per process and runs one task at a time; using --jobs 1");
    }

    private static MockResponse reply(String text) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", "chatcmpl-1").put("object", "chat.completion").put("created", 1_717_000_000).put("model", "test-model");
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", text);
        body.putObject("usage").put("prompt_tokens", 8).put("completion_tokens", 1).put("total_tokens", 9);
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body.toString()).build();
    }
}
