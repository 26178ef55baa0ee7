package studio.codeact.bench;

import studio.codeact.agent.ActionFormat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codeact.llm.LlmException;
import studio.codeact.llm.scripted.ScriptedChatModel;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The runner over a real engine with scripted models: resuming, and a summary that matches the per-task file. */
class BenchRunnerTest {

    @TempDir
    Path out;

    private final StringWriter progress = new StringWriter();

    private BenchRunner runner(List<String> taskIds, ScriptedChatModel model, List<ActionFormat> modes) {
        TaskSuite suite = SharedEngine.builtinSuite();
        List<BenchTask> tasks = taskIds.stream().map(SharedEngine::task).toList();
        return new BenchRunner(suite, tasks, List.of(new ModelUnderTest("scripted", "scripted", model, 0.0, null)), modes,
                Map.of(ActionFormat.JSON, new ToolCallEpisode(ActionFormat.JSON), ActionFormat.TEXT, new ToolCallEpisode(ActionFormat.TEXT)),
                out, new PrintWriter(progress, true));
    }

    @Test
    void anInterruptedRunResumesWithoutRunningFinishedTasksAgain() {
        List<String> tasks = List.of("store-days-open", "store-area-m2", "leap-day-weekday");
        ScriptedChatModel first = ScriptedChatModel.replying(
                "{\"name\": \"get_store\", \"arguments\": {\"store_id\": \"S03\"}}",
                "<solution>2416</solution>").onCallerThread()
                .failOnTurn(3, new LlmException.Authentication("the API key was rejected"));

        assertThatThrownBy(() -> runner(tasks, first, List.of(ActionFormat.JSON)).run(List.of(SharedEngine.python())))
                .isInstanceOf(LlmException.Authentication.class);
        assertThat(new ResultsFile(out.resolve(ResultsFile.NAME)).read()).extracting(TaskResult::task)
                .containsExactly("store-days-open");

        ScriptedChatModel second = ScriptedChatModel.replying(
                "<solution>1198.4</solution>", "<solution>Thursday</solution>").onCallerThread();
        BenchReport report = runner(tasks, second, List.of(ActionFormat.JSON)).run(List.of(SharedEngine.python()));

        assertThat(second.requests()).hasSize(2);
        assertThat(report.resumed()).isEqualTo(1);
        assertThat(report.ran()).isEqualTo(2);
        assertThat(new ResultsFile(out.resolve(ResultsFile.NAME)).read()).extracting(TaskResult::task)
                .containsExactly("store-days-open", "store-area-m2", "leap-day-weekday");
        assertThat(progress.toString()).contains("resuming: 1 of 3 runs already done")
                .contains("[3/3] success 3/3 (100.0%)");
    }

    @Test
    void runsLostToTheModelServerAreTriedAgainOnResume() {
        List<String> tasks = List.of("leap-day-weekday");
        ScriptedChatModel failing = new ScriptedChatModel().onCallerThread()
                .failOnTurn(1, new LlmException.ServerError("the server failed (503)", 503));
        BenchReport failed = runner(tasks, failing, List.of(ActionFormat.TEXT)).run(List.of(SharedEngine.python()));
        assertThat(failed.summary().rows(Summary.ALL).getFirst().errors()).isEqualTo(1);

        ScriptedChatModel working = ScriptedChatModel.replying("<solution>Thursday</solution>").onCallerThread();
        BenchReport retried = runner(tasks, working, List.of(ActionFormat.TEXT)).run(List.of(SharedEngine.python()));
        assertThat(retried.ran()).isEqualTo(1);
        assertThat(retried.summary().rows(Summary.ALL).getFirst().solved()).isEqualTo(1);
        assertThat(retried.summary().rows(Summary.ALL).getFirst().errors()).isZero();
    }

    @Test
    void anOutputFolderOfAnotherSuiteIsRefused() throws Exception {
        Files.writeString(out.resolve("run.json"), "{\"suite\": \"m3tooleval\"}");
        ScriptedChatModel model = ScriptedChatModel.replying("<solution>Thursday</solution>").onCallerThread();
        assertThatThrownBy(() -> runner(List.of("leap-day-weekday"), model, List.of(ActionFormat.JSON)).run(List.of(SharedEngine.python())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds results of the suite 'm3tooleval', not 'larkspur'");
        assertThat(model.requests()).isEmpty();
    }

    @Test
    void aSecondRunIntoTheSameFolderIsRefusedWhileTheFirstWrites() throws Exception {
        try (var channel = java.nio.channels.FileChannel.open(out.resolve("run.lock"), java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE); var held = channel.lock()) {
            ScriptedChatModel model = ScriptedChatModel.replying("<solution>Thursday</solution>").onCallerThread();
            assertThatThrownBy(() -> runner(List.of("leap-day-weekday"), model, List.of(ActionFormat.JSON)).run(List.of(SharedEngine.python())))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another codeact bench is writing to");
            assertThat(model.requests()).isEmpty();
        }
    }

    @Test
    void theSummaryMatchesThePerTaskFile() throws Exception {
        List<String> tasks = List.of("store-days-open", "leap-day-weekday", "tent-count");
        ScriptedChatModel model = ScriptedChatModel.replying(
                // store-days-open: json solved in 2 turns, text wrong in 1
                "{\"name\": \"get_store\", \"arguments\": {\"store_id\": \"S03\"}}", "<solution>2416</solution>",
                "<solution>2415</solution>",
                // leap-day-weekday: json wrong in 1, text solved in 2
                "<solution>Friday</solution>",
                "Action: weekday\nAction Input: 2024-02-29", "<solution>Thursday</solution>",
                // tent-count: json solved in 2, text solved in 1
                "{\"name\": \"list_products\", \"arguments\": {\"category\": \"tents\"}}", "<solution>4</solution>",
                "<solution>4</solution>").onCallerThread();

        BenchReport report = runner(tasks, model, List.of(ActionFormat.JSON, ActionFormat.TEXT)).run(List.of(SharedEngine.python()));

        List<TaskResult> lines = new ResultsFile(report.results()).read();
        assertThat(lines).hasSize(6);
        JsonNode summary = BenchPython.JSON.readTree(Files.readString(out.resolve("summary.json")));
        for (JsonNode row : summary.path("rows")) {
            List<TaskResult> matching = lines.stream()
                    .filter(r -> r.mode().id().equals(row.path("mode").asText()))
                    .filter(r -> row.path("class").asText().equals("all") || r.taskClass().id().equals(row.path("class").asText()))
                    .toList();
            assertThat(row.path("runs").asInt()).isEqualTo(matching.size());
            assertThat(row.path("solved").asInt()).isEqualTo((int) matching.stream().filter(TaskResult::success).count());
            assertThat(row.path("success_rate").asDouble())
                    .isCloseTo((double) matching.stream().filter(TaskResult::success).count() / matching.size(), within(1e-12));
            assertThat(row.path("avg_turns").asDouble())
                    .isCloseTo(matching.stream().mapToInt(TaskResult::turns).average().orElseThrow(), within(1e-12));
        }
        SummaryRow jsonAll = report.summary().rows(Summary.ALL).getFirst();
        assertThat(jsonAll.mode()).isEqualTo(ActionFormat.JSON);
        assertThat(jsonAll.solved()).isEqualTo(2);
        assertThat(jsonAll.averageTurns()).isCloseTo(5.0 / 3, within(1e-12));
        assertThat(Files.readString(report.markdown())).contains("| scripted | json | 66.7% | 2/3 | 1.67 |");
        JsonNode transcript = BenchPython.JSON.readTree(Files.readString(
                out.resolve("transcripts").resolve("scripted").resolve("json").resolve("store-days-open.json")));
        assertThat(transcript.path("outcome").asText()).isEqualTo("solved");
        assertThat(transcript.path("conversations")).extracting(turn -> turn.path("role").asText())
                .containsExactly("system", "user", "assistant", "user", "assistant");
        assertThat(report.chart()).as(report.chartError()).isPresent();
        byte[] png = Files.readAllBytes(report.chart().orElseThrow());
        assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    }
}
