package studio.codeact.bench;

import studio.codeact.agent.ActionFormat;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SummaryTest {

    private static TaskResult run(String task, TaskClass taskClass, ActionFormat mode, String model, Outcome outcome, int turns, long tokens) {
        return new TaskResult(task, taskClass, mode, model, outcome, turns, turns, tokens, tokens < 0 ? -1 : 0, 1, null, null);
    }

    @Test
    void successRateAndAverageTurnsPerModelModeAndClass() {
        List<TaskResult> results = List.of(
                run("a", TaskClass.MULTI_TOOL, ActionFormat.CODE, "m1", Outcome.SOLVED, 2, 100),
                run("b", TaskClass.MULTI_TOOL, ActionFormat.CODE, "m1", Outcome.WRONG_ANSWER, 4, 300),
                run("c", TaskClass.ATOMIC, ActionFormat.CODE, "m1", Outcome.SOLVED, 1, 50),
                run("a", TaskClass.MULTI_TOOL, ActionFormat.JSON, "m1", Outcome.TURN_LIMIT, 10, 900),
                run("b", TaskClass.MULTI_TOOL, ActionFormat.JSON, "m1", Outcome.MODEL_ERROR, 1, -1),
                run("c", TaskClass.ATOMIC, ActionFormat.JSON, "m1", Outcome.SOLVED, 2, 60));
        Summary summary = Summary.of(results, List.of("m1"), List.of(ActionFormat.CODE, ActionFormat.JSON), 6);

        SummaryRow codeMulti = summary.rows("multi-tool").getFirst();
        assertThat(codeMulti.mode()).isEqualTo(ActionFormat.CODE);
        assertThat(codeMulti.successRate()).isEqualTo(0.5);
        assertThat(codeMulti.averageTurns()).isEqualTo(3.0);
        assertThat(codeMulti.averageTokens()).isEqualTo(200.0);

        SummaryRow jsonMulti = summary.rows("multi-tool").get(1);
        assertThat(jsonMulti.successRate()).isZero();
        assertThat(jsonMulti.errors()).isEqualTo(1);
        assertThat(jsonMulti.averageTokens()).as("unknown usage left out").isEqualTo(900.0);

        SummaryRow codeAll = summary.rows(Summary.ALL).getFirst();
        assertThat(codeAll.runs()).isEqualTo(3);
        assertThat(codeAll.successRate()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(summary.rows("atomic")).extracting(SummaryRow::solved).containsExactly(1, 1);
    }

    @Test
    void markdownShowsOneTablePerClassAndSaysWhenRunsAreMissing() {
        Summary summary = Summary.of(List.of(run("a", TaskClass.MULTI_TOOL, ActionFormat.TEXT, "m", Outcome.SOLVED, 3, 10)),
                List.of("m"), List.of(ActionFormat.TEXT), 4);
        String markdown = summary.markdown("Bench");
        assertThat(markdown).contains("1 of 4 runs finished")
                .contains("## Multi-tool tasks")
                .contains("| m | text | 100.0% | 1/1 | 3.00 | 10 | 0 |")
                .doesNotContain("## Atomic tasks");
    }
}
