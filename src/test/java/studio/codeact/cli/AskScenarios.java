package studio.codeact.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import studio.codeact.agent.ActionMode;
import studio.codeact.agent.AgentConfig;
import studio.codeact.agent.AgentEvent;
import studio.codeact.agent.CodeActAgent;
import studio.codeact.engine.EngineConfig;
import studio.codeact.engine.EngineKind;
import studio.codeact.engine.Engines;
import studio.codeact.engine.ExecutionResult;
import studio.codeact.engine.PythonEngine;
import studio.codeact.engine.PythonLocator;
import studio.codeact.llm.ChatModels;
import studio.codeact.llm.Provider;
import studio.codeact.llm.ProviderConfig;
import studio.codeact.session.CellStatus;
import studio.codeact.session.Exports;
import studio.codeact.session.Session;
import studio.codeact.session.SessionInfo;
import studio.codeact.session.SessionStatus;
import studio.codeact.session.SessionStore;
import studio.codeact.testing.CliRun;
import studio.codeact.testing.LastingFolder;
import studio.codeact.testing.OpenAiWireServer;
import studio.codeact.testing.PythonCheck;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code codeact ask} end to end, written once and run under each engine: a scripted model
 * behind a real HTTP server speaking the OpenAI wire format, reached through the real
 * {@code OpenAiChatModel}; a real Python engine; the real session folder and exports.
 */
abstract class AskScenarios {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Lasts the whole JVM: session folders become the engine's working folder (see {@link LastingFolder}). */
    Path dir = LastingFolder.create("codeact-ask-test-");

    OpenAiWireServer server;
    Path sales;

    /** The engine the scenarios run on. */
    abstract EngineKind engineKind();

    /** What the model is told after its code called {@code os._exit(1)}. */
    abstract void checkObservationAfterExit(String observation);

    record Run(int exit, String out, String err, Path session) {
        Session read() {
            return SessionStore.read(session);
        }
    }

    @BeforeEach
    void startServer() throws Exception {
        server = new OpenAiWireServer();
        sales = Files.writeString(dir.resolve("sales.csv"), "region,price\nnorth,10.0\nsouth,20.0\nnorth,30.0\n");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    Run ask(String... extra) {
        return askInto(dir.resolve("session"), extra);
    }

    Run askInto(Path session, String... extra) {
        List<String> args = new ArrayList<>(List.of("ask", "--engine", engineKind().id(), "--provider", "openai",
                "--base-url", server.baseUrl(), "--model", "scripted",
                "--settings", dir.resolve("settings.json").toString(), "--out", session.toString()));
        if (!List.of(extra).contains("--action-mode")) {
            args.addAll(List.of("--action-mode", "tags"));
        }
        args.addAll(List.of(extra));
        CliRun run = CliRun.execute(args);
        return new Run(run.exit(), run.out(), run.err(), session);
    }

    String observation(int request) {
        return OpenAiWireServer.lastObservation(server.requests().get(request - 1));
    }

    static void assertNotebookValid(Path session) {
        PythonCheck.Result validation = PythonCheck.validateNotebook(session.resolve(Exports.NOTEBOOK_FILE));
        assertThat(validation.exitCode()).as(validation.output()).isZero();
    }

    @Test
    void aPlainAnswerIsPrintedAndTheSessionExported() {
        server.thenText("Six times seven is <solution>42</solution>");

        Run run = ask("What is six times seven?");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("42\n");
        assertThat(run.err()).contains("Six times seven is").contains("session saved in");
        assertThat(run.read().status()).isEqualTo(SessionStatus.ANSWERED);
        assertThat(run.session().resolve(Exports.NOTEBOOK_FILE)).exists();
        assertThat(run.session().resolve(Exports.SCRIPT_FILE)).exists();
        assertThat(run.session().resolve(Exports.TRAJECTORY_FILE)).exists();
        assertNotebookValid(run.session());
    }

    @Test
    void aWrongColumnNameIsFedBackAndTheFixAnswers() throws Exception {
        server.thenText("Let me compute it.\n<execute>\nprint(sales['Price'].mean())\n</execute>")
                .thenText("The column is lower case.\n<execute>\nprint(sales['price'].mean())\n</execute>")
                .thenText("The mean price is <solution>20.0</solution>");

        Run run = ask("--data", sales.toString(), "What is the mean price?");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("20.0\n");
        assertThat(observation(2)).contains("----> 1 print(sales['Price'].mean())").contains("KeyError: 'Price'").doesNotContain("\u001b[");
        assertThat(observation(3)).startsWith("Observation:\n20.0");
        JsonNode system = server.requests().getFirst().path("messages").get(0);
        assertThat(system.path("role").asText()).isEqualTo("system");
        assertThat(system.path("content").asText()).contains("`sales` from " + sales).contains("price (float64)");
        assertThat(server.requests().getFirst().path("stop").get(0).asText()).isEqualTo("</execute>");
        JsonNode trajectory = JSON.readTree(Files.readAllLines(run.session().resolve(Exports.TRAJECTORY_FILE)).getFirst());
        assertThat(trajectory.path("self_repair").asBoolean()).isTrue();
        assertThat(run.read().cells()).extracting(c -> c.status()).containsExactly(CellStatus.OK, CellStatus.ERROR, CellStatus.OK);
        assertNotebookValid(run.session());
    }

    @Test
    void theExportedNotebookRunsTopToBottomInAFreshInterpreter() throws Exception {
        server.thenText("<execute>\nprint(sales['Price'].mean())\n</execute>")
                .thenText("<execute>\nmeans = sales.groupby('region')['price'].mean()\nmeans\n</execute>")
                .thenText("<execute>\nimport matplotlib.pyplot as plt\nmeans.plot.bar()\nplt.show()\n</execute>")
                .thenText("Done.");
        Run run = ask("--data", sales.toString(), "Mean price by region, as a chart.");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode cells = JSON.readTree(run.session().resolve(Exports.NOTEBOOK_FILE).toFile()).path("cells");

        List<String> results = new ArrayList<>();
        try (PythonEngine fresh = Engines.create(engineKind(), EngineConfig.of(PythonLocator.choose(null)).withWorkingDirectory(dir))) {
            fresh.start();
            for (JsonNode cell : cells) {
                if (!cell.path("cell_type").asText().equals("code")) {
                    continue;
                }
                StringBuilder source = new StringBuilder();
                cell.path("source").forEach(line -> source.append(line.asText()));
                boolean mayFail = cell.path("metadata").path("tags").toString().contains("raises-exception");
                ExecutionResult result = fresh.run(source.toString());
                results.add((mayFail ? "may fail: " : "") + result.status());
            }
        }

        assertThat(results).containsExactly("OK", "may fail: ERROR", "OK", "OK");
    }

    @Test
    void aFigureIsSavedNamedAndExported() throws Exception {
        server.thenText("""
                <execute>
                import matplotlib.pyplot as plt
                plt.figure(figsize=(8, 6), dpi=100)
                plt.bar(sales['region'], sales['price'])
                plt.show()
                </execute>""").thenText("Here is the chart.");

        Run run = ask("--data", sales.toString(), "Chart the prices.");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(observation(2)).containsPattern("\\[figure 1: \\d{3}\u00d7\\d{3} PNG saved as figures/001\\.png]");
        assertThat(run.session().resolve("figures/001.png")).exists();
        JsonNode notebook = JSON.readTree(run.session().resolve(Exports.NOTEBOOK_FILE).toFile());
        assertThat(notebook.toString()).contains("\"image/png\":\"iVBORw0KGgo");
        assertNotebookValid(run.session());
    }

    @Test
    void aMillionPrintedLinesReachTheModelTruncated() {
        server.thenText("<execute>\nfor i in range(1_000_000):\n    print(i)\n</execute>").thenText("That was long.");

        Run run = ask("Print a lot.");

        assertThat(run.exit()).as(run.err()).isZero();
        String observation = observation(2);
        assertThat(observation.length()).isLessThan(AgentConfig.defaults("x", "y").observationBudget() + 100);
        assertThat(observation).startsWith("Observation:\n0\n1\n2\n").contains("999999\n").contains("cut from the middle")
                .endsWith("[9 turns left]");
    }

    @Test
    void anEndlessLoopIsCutByTheCellTimeoutAndStateIsKept() {
        server.thenText("<execute>\nkept = 7\nwhile True:\n    pass\n</execute>")
                .thenText("<execute>\nprint(kept * 6)\n</execute>")
                .thenText("<solution>42</solution>");

        Run run = ask("--cell-timeout", "2", "Spin, then multiply.");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(observation(2)).contains("cell time limit and was interrupted").contains("Variables assigned before that point are kept");
        assertThat(observation(3)).startsWith("Observation:\n42");
        assertThat(run.read().cells()).extracting(c -> c.status()).containsExactly(CellStatus.TIMED_OUT, CellStatus.OK);
    }

    @Test
    void exitingTheInterpreterMidSessionIsSurvived() {
        server.thenText("<execute>\nbefore = 1\nprint(len(sales))\n</execute>")
                .thenText("<execute>\nimport os\nos._exit(1)\n</execute>")
                .thenText("<execute>\nprint(sales.shape)\n</execute>")
                .thenText("Still working.");

        Run run = ask("--data", sales.toString(), "Exit, then go on.");

        assertThat(run.exit()).as(run.err()).isZero();
        checkObservationAfterExit(observation(3));
        assertThat(observation(4)).startsWith("Observation:\n(3, 2)");
    }

    @Test
    void aServerErrorAfterTwoTurnsFailsWithASavedSession() {
        server.thenText("<execute>\nprint(1)\n</execute>").thenText("<execute>\nprint(2)\n</execute>").failFrom(3, 500);

        Run run = ask("Count.");

        assertThat(run.exit()).isEqualTo(Main.FAILED);
        assertThat(run.err()).contains("codeact: failed:").contains("500");
        Session session = run.read();
        assertThat(session.status()).isEqualTo(SessionStatus.FAILED);
        assertThat(session.cells()).hasSize(2);
        assertNotebookValid(run.session());
    }

    @Test
    void aMissingDataFileIsBadInputBeforeAnyModelCall() {
        Run run = ask("--data", dir.resolve("nowhere.csv").toString(), "Anything?");

        assertThat(run.exit()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err()).contains("data file not found").contains("nowhere.csv");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void anUnreadableDataFileIsBadInputAndTheSessionSaysWhy() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.xlsx"), "this is not a workbook");

        Run run = ask("--data", broken.toString(), "Anything?");

        assertThat(run.exit()).isEqualTo(Main.BAD_INPUT);
        // Issue 13 item 13: said by the file's bytes, before any session, engine or model call.
        assertThat(run.err()).contains("broken.xlsx: not a valid Excel file");
        assertThat(server.requests()).isEmpty();
        assertThat(run.session().resolve(SessionStore.SESSION_FILE)).doesNotExist();
    }

    @Test
    void theTurnLimitExitsWithThree() {
        server.thenText("<execute>\nx = 1\n</execute>").thenText("<execute>\nx = 2\n</execute>");

        Run run = ask("--max-turns", "2", "Never answer.");

        assertThat(run.exit()).isEqualTo(Main.TURN_LIMIT);
        assertThat(run.read().status()).isEqualTo(SessionStatus.TURN_LIMIT);
    }

    @Test
    void toolCallsRunThroughTheRealClient() {
        server.thenToolCalls("Computing.", "print(sales['price'].max())").thenText("The highest price is <solution>30.0</solution>");

        Run run = ask("--data", sales.toString(), "--action-mode", "tools", "Highest price?");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("30.0\n");
        JsonNode second = server.requests().get(1);
        assertThat(second.path("tools").get(0).path("function").path("name").asText()).isEqualTo("execute_python");
        JsonNode last = second.path("messages").get(second.path("messages").size() - 1);
        assertThat(last.path("role").asText()).isEqualTo("tool");
        assertThat(last.path("tool_call_id").asText()).isEqualTo("call_1");
        assertThat(last.path("content").asText()).startsWith("30.0");
    }

    @Test
    void replayFindsTheSameOutputsAndSaysWhatChanged() throws Exception {
        server.thenText("<execute>\nprint(sales['Price'].sum())\n</execute>")
                .thenText("<execute>\nprint(sales['price'].sum())\nsales.groupby('region')['price'].max()\n</execute>")
                .thenText("<solution>60.0</solution>");
        Run run = ask("--data", sales.toString(), "Total?");
        assertThat(run.exit()).as(run.err()).isZero();

        Replay same = replay(run.session());

        assertThat(same.exit()).as(same.out() + same.err()).isZero();
        assertThat(same.out()).contains("cell 1   setup   match").contains("cell 2   action  match").contains("cell 3   action  match")
                .contains("3 matched, 0 differed, 0 skipped");

        Files.writeString(sales, "region,price\nnorth,10.0\nsouth,20.0\nnorth,31.0\n");
        Replay changed = replay(run.session());

        assertThat(changed.exit()).isEqualTo(Main.FAILED);
        assertThat(changed.out()).contains("cell 3   action  DIFFERENT: output 1 was \u201cstdout: 60.0\u201d and is now \u201cstdout: 61.0\u201d")
                .contains("2 matched, 1 differed");
    }

    record Replay(int exit, String out, String err) { }

    Replay replay(Path session) {
        CliRun run = CliRun.execute("replay", session.toString(), "--engine", engineKind().id());
        return new Replay(run.exit(), run.out(), run.err());
    }

    @Test
    void aFollowUpQuestionUsesEarlierVariables() {
        server.thenText("<execute>\ntop = sales.groupby('region')['price'].sum()\nprint(top)\n</execute>")
                .thenText("North sells most.")
                .thenText("<execute>\nprint(top['north'] - top['south'])\n</execute>")
                .thenText("By <solution>20.0</solution>");
        Path work = dir.resolve("work");
        ProviderConfig connection = ProviderConfig.of(Provider.OPENAI).withBaseUrl(server.baseUrl()).withModel("scripted");
        try (PythonEngine engine = Engines.create(engineKind(), EngineConfig.of(PythonLocator.choose(null)).withWorkingDirectory(dir))) {
            SessionStore store = SessionStore.create(dir.resolve("follow-up"), Session.start("follow-up", Instant.now(),
                    new SessionInfo("openai", "scripted", engineKind().id(), "", "tags", work.toString(), 10, "", List.of())));
            CodeActAgent agent = new CodeActAgent(ChatModels.create(connection), engine, store,
                    AgentConfig.defaults("openai", "scripted").withActionMode(ActionMode.TAGS));
            agent.loadDatasets(List.of(sales));

            assertThat(agent.ask("Which region sells most?")).isEqualTo(new AgentEvent.Answered("North sells most."));
            assertThat(agent.ask("By how much?")).isEqualTo(new AgentEvent.Answered("20.0"));

            assertThat(observation(4)).startsWith("Observation:\n20.0");
            store.exportAll();
            assertNotebookValid(dir.resolve("follow-up"));
            assertThat(store.current().entries()).filteredOn(e -> e instanceof studio.codeact.session.Entry.Question).hasSize(2);
            store.close();
        }
    }
}
