package studio.codeact.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import studio.codeact.engine.EngineKind;
import studio.codeact.session.CellStatus;
import studio.codeact.session.Entry;
import studio.codeact.session.Exports;
import studio.codeact.session.Session;
import studio.codeact.session.SessionStatus;
import studio.codeact.session.SessionStore;
import studio.codeact.testing.CliRun;
import studio.codeact.testing.LastingFolder;
import studio.codeact.testing.OpenAiWireServer;
import studio.codeact.testing.PythonCheck;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code codeact ask --resume DIR} end to end, run under each engine: a first run answers with a
 * failing cell and a working one; the second run, in a new process-like command with a fresh
 * interpreter, re-runs the working cells (not the failed one), gives the model the earlier
 * conversation, and appends its own run to the same folder.
 */
abstract class ResumeScenarios {

    Path dir = LastingFolder.create("codeact-resume-test-");
    OpenAiWireServer server;
    Path sales;
    Path session;

    abstract EngineKind engineKind();

    record Run(int exit, String out, String err) { }

    @BeforeEach
    void start() throws Exception {
        server = new OpenAiWireServer();
        sales = Files.writeString(Files.createDirectories(dir.resolve("data")).resolve("sales.csv"),
                "region,price\nnorth,10.0\nsouth,20.0\nnorth,30.0\n");
        session = dir.resolve("session");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    Run cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--engine", engineKind().id(), "--provider", "openai", "--base-url", server.baseUrl(), "--model", "scripted",
                "--settings", dir.resolve("settings.json").toString(), "--action-mode", "tags"));
        // Options after the question: picocli takes them as options all the same.
        CliRun run = CliRun.execute(all);
        return new Run(run.exit(), run.out(), run.err());
    }

    private void firstRun() {
        server.thenText("<execute>\nprint(sales['Price'].mean())\n</execute>")
                .thenText("<execute>\nmeans = sales.groupby('region')['price'].mean()\nprint(means)\n</execute>")
                .thenText("North and south both average <solution>20.0</solution>");
        Run first = cli("ask", "--data", sales.toString(), "--out", session.toString(), "Mean price by region?");
        assertThat(first.exit()).as(first.err()).isZero();
    }

    @Test
    void resumeRerunsTheCellsThatWorkedRestoresTheConversationAndAppendsASecondRun() {
        firstRun();
        int requestsBefore = server.requests().size();
        server.thenText("<execute>\nprint(means.max(), len(sales))\n</execute>").thenText("The highest mean is <solution>20.0</solution>");

        Run second = cli("ask", "--resume", session.toString(), "What is the highest mean?");

        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(second.out()).isEqualTo("20.0\n");
        assertThat(second.err()).contains("\u21bb cell 1 (1 of 2), loading the data \u2026 ok")
                .contains("\u21bb cell 2 not run again: it failed then")
                .contains("\u21bb cell 3 (2 of 2) \u2026 ok");
        assertThat(OpenAiWireServer.lastObservation(server.requests().getLast())).startsWith("Observation:\n20.0 3");
        JsonNode firstOfRun = server.requests().get(requestsBefore);
        String messages = firstOfRun.path("messages").toString();
        assertThat(messages).contains("Mean price by region?").contains("KeyError: 'Price'").contains("average <solution>20.0</solution>")
                .contains("continued later in a fresh Python interpreter").contains("What is the highest mean?");

        Session record = SessionStore.read(session);
        assertThat(record.status()).isEqualTo(SessionStatus.ANSWERED);
        assertThat(record.entries()).filteredOn(Entry.Question.class::isInstance).hasSize(2);
        Entry.Resumed resumed = record.entries().stream().filter(Entry.Resumed.class::isInstance).map(Entry.Resumed.class::cast)
                .findFirst().orElseThrow();
        assertThat(resumed.run()).isEqualTo(2);
        assertThat(resumed.engine()).isEqualTo(engineKind().id());
        assertThat(resumed.rerun()).containsExactly(1, 3);
        assertThat(resumed.skipped()).containsExactly(2);
        assertThat(resumed.failed()).isEmpty();
        int resumedAt = record.entries().indexOf(resumed);
        assertThat(record.entries().subList(0, resumedAt)).filteredOn(Entry.Question.class::isInstance)
                .extracting(e -> ((Entry.Question) e).text()).containsExactly("Mean price by region?");
        assertThat(record.entries().subList(resumedAt, record.entries().size())).filteredOn(Entry.Question.class::isInstance)
                .extracting(e -> ((Entry.Question) e).text()).containsExactly("What is the highest mean?");
        assertThat(record.cells()).extracting(c -> c.number()).containsExactly(1, 2, 3, 4);
        assertThat(record.cells().getLast().status()).isEqualTo(CellStatus.OK);
        PythonCheck.Result valid = PythonCheck.validateNotebook(session.resolve(Exports.NOTEBOOK_FILE));
        assertThat(valid.exitCode()).as(valid.output()).isZero();
    }

    @Test
    void aMovedDataFileIsNamedWithTheFlagToPointAtItAndRemapFindsIt() throws Exception {
        firstRun();
        Path moved = Files.move(sales, Files.createDirectories(dir.resolve("archive")).resolve("sales.csv"));
        int requestsBefore = server.requests().size();

        Run refused = cli("ask", "--resume", session.toString(), "How many rows?");

        assertThat(refused.exit()).isEqualTo(Main.BAD_INPUT);
        assertThat(refused.err()).contains("the session's data file " + sales + " is not there any more")
                .contains("--remap " + sales + "=NEW_PATH");
        assertThat(server.requests()).hasSize(requestsBefore);

        server.thenText("<execute>\nprint(len(sales))\n</execute>").thenText("<solution>3</solution>");
        Run second = cli("ask", "--resume", session.toString(), "--remap", "sales.csv=" + moved, "How many rows?");

        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(second.out()).isEqualTo("3\n");
        assertThat(server.requests().get(requestsBefore).path("messages").get(0).path("content").asText()).contains(moved.toString());
        Session record = SessionStore.read(session);
        assertThat(record.info().datasets()).extracting(d -> d.path()).containsExactly(moved.toString());
        assertThat(record.entries()).filteredOn(Entry.Resumed.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((Entry.Resumed) e).note()).contains("read from " + moved));
    }
}
