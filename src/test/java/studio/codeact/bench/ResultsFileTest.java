package studio.codeact.bench;

import studio.codeact.agent.ActionFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ResultsFileTest {

    @TempDir
    Path folder;

    static TaskResult result(String task, ActionFormat mode, Outcome outcome, int turns) {
        return new TaskResult(task, TaskClass.MULTI_TOOL, mode, "m", outcome, turns, turns - 1, 100, 20, 1.5,
                outcome == Outcome.SOLVED ? "42" : null, outcome == Outcome.SOLVED ? null : "why");
    }

    @Test
    void resultsRoundTripThroughTheFile() {
        ResultsFile file = new ResultsFile(folder.resolve("results.jsonl"));
        TaskResult solved = result("a", ActionFormat.JSON, Outcome.SOLVED, 3);
        TaskResult limit = result("b", ActionFormat.TEXT, Outcome.TURN_LIMIT, 10);
        file.append(solved);
        file.append(limit);
        assertThat(file.read()).containsExactly(solved, limit);
    }

    @Test
    void eachLineCarriesTheFieldsTheIssueNames() throws Exception {
        ResultsFile file = new ResultsFile(folder.resolve("results.jsonl"));
        file.append(result("a", ActionFormat.CODE, Outcome.SOLVED, 2));
        String line = Files.readString(file.path()).strip();
        assertThat(BenchPython.JSON.readTree(line).properties()).extracting(java.util.Map.Entry::getKey)
                .contains("mode", "model", "success", "turns", "tokens", "seconds", "error");
    }

    @Test
    void aTornLastLineIsSkippedAndTheNextResultStartsOnItsOwnLine() throws Exception {
        ResultsFile file = new ResultsFile(folder.resolve("results.jsonl"));
        file.append(result("a", ActionFormat.JSON, Outcome.SOLVED, 3));
        Files.writeString(file.path(), "{\"task\": \"b\", \"cla", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        file.append(result("c", ActionFormat.JSON, Outcome.SOLVED, 1));
        List<TaskResult> read = file.read();
        assertThat(read).extracting(TaskResult::task).containsExactly("a", "c");
        assertThat(file.skippedLines()).isEqualTo(1);
    }

    @Test
    void theLatestResultOfARunWins() {
        TaskResult failed = result("a", ActionFormat.JSON, Outcome.MODEL_ERROR, 1);
        TaskResult retried = result("a", ActionFormat.JSON, Outcome.SOLVED, 2);
        assertThat(ResultsFile.latest(List.of(failed, retried)).values()).containsExactly(retried);
    }
}
