package studio.codeact.bench;

import studio.codeact.agent.ActionFormat;

import com.fasterxml.jackson.core.JsonProcessingException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Success rate and average turns per model and mode, for multi-tool tasks, atomic tasks, and all
 * tasks: the paper's table, computed from the per-task results and nothing else.
 */
public final class Summary {

    public static final String ALL = "all";

    /** Our own interaction (the CodeAct agent in code mode, one tool call per reply otherwise). */
    public static final String CODEACT_PROTOCOL = "codeact";

    private final List<SummaryRow> rows;
    private final int expectedRuns;
    private final String protocol;

    private Summary(List<SummaryRow> rows, int expectedRuns, String protocol) {
        this.rows = List.copyOf(rows);
        this.expectedRuns = expectedRuns;
        this.protocol = protocol;
    }

    /** The summary of runs made under our own protocol. */
    public static Summary of(List<TaskResult> results, List<String> models, List<ActionFormat> modes, int expectedRuns) {
        return of(results, models, modes, expectedRuns, CODEACT_PROTOCOL);
    }

    /** The interaction the runs followed ({@code codeact} or {@code m3tooleval}). */
    public String protocol() {
        return protocol;
    }

    /**
     * The summary of {@code results} (the latest result per run), rows ordered by model as given,
     * then mode as given.
     *
     * @param expectedRuns how many runs the plan has, to say how many are still missing
     * @param protocol     the interaction the runs followed, named in the summary
     */
    public static Summary of(List<TaskResult> results, List<String> models, List<ActionFormat> modes, int expectedRuns,
                             String protocol) {
        List<SummaryRow> rows = new ArrayList<>();
        for (String group : List.of(TaskClass.MULTI_TOOL.id(), TaskClass.ATOMIC.id(), ALL)) {
            for (String model : models) {
                for (ActionFormat mode : modes) {
                    List<TaskResult> matching = results.stream()
                            .filter(r -> r.model().equals(model) && r.mode() == mode)
                            .filter(r -> group.equals(ALL) || r.taskClass().id().equals(group))
                            .toList();
                    if (!matching.isEmpty()) {
                        rows.add(row(model, mode, group, matching));
                    }
                }
            }
        }
        return new Summary(rows, expectedRuns, protocol);
    }

    private static SummaryRow row(String model, ActionFormat mode, String group, List<TaskResult> results) {
        int solved = (int) results.stream().filter(TaskResult::success).count();
        double turns = results.stream().mapToInt(TaskResult::turns).average().orElse(0);
        double tokens = results.stream().mapToLong(TaskResult::tokens).filter(t -> t >= 0).average().orElse(-1);
        int errors = (int) results.stream().filter(r -> r.outcome().retryOnResume()).count();
        return new SummaryRow(model, mode, group, results.size(), solved, turns, tokens, errors);
    }

    public List<SummaryRow> rows() {
        return rows;
    }

    /** The rows of one group ({@code multi-tool}, {@code atomic} or {@code all}). */
    public List<SummaryRow> rows(String group) {
        return rows.stream().filter(row -> row.group().equals(group)).toList();
    }

    /** Runs counted in the {@code all} rows. */
    public int finishedRuns() {
        return rows(ALL).stream().mapToInt(SummaryRow::runs).sum();
    }

    /** The summary as Markdown: one table per task class, then all tasks. */
    public String markdown(String title) {
        StringBuilder out = new StringBuilder("# ").append(title).append("\n\n")
                .append("Protocol: ").append(protocol).append(protocol.equals(CODEACT_PROTOCOL)
                        ? " (the CodeAct agent in code mode, one tool call per reply in json and text mode)"
                        : " (M3ToolEval's prompts, action formats, \"your answer is incorrect\" feedback and turn limit)")
                .append(".\n\n");
        if (finishedRuns() < expectedRuns) {
            out.append(String.format(Locale.ROOT, "%d of %d runs finished; the figures cover those.%n%n",
                    finishedRuns(), expectedRuns));
        }
        for (String group : List.of(TaskClass.MULTI_TOOL.id(), TaskClass.ATOMIC.id(), ALL)) {
            List<SummaryRow> groupRows = rows(group);
            if (groupRows.isEmpty()) {
                continue;
            }
            out.append("## ").append(heading(group)).append("\n\n")
                    .append("| model | mode | success rate | solved | avg turns | avg tokens | errors |\n")
                    .append("|---|---|---:|---:|---:|---:|---:|\n");
            for (SummaryRow row : groupRows) {
                out.append(String.format(Locale.ROOT, "| %s | %s | %.1f%% | %d/%d | %.2f | %s | %d |%n",
                        row.model(), row.mode().id(), 100 * row.successRate(), row.solved(), row.runs(),
                        row.averageTurns(), row.averageTokens() < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f", row.averageTokens()),
                        row.errors()));
            }
            out.append('\n');
        }
        out.append("Success rate: share of runs whose `<solution>` matched the expected answer. "
                + "Average turns: model replies per run, failed runs included. "
                + "Errors: runs lost to a model-server or engine failure, counted as unsolved and retried on resume.\n");
        return out.toString();
    }

    /** The summary as JSON: every row with its figures. */
    public String json() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (SummaryRow row : rows) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("model", row.model());
            entry.put("mode", row.mode().id());
            entry.put("class", row.group());
            entry.put("runs", row.runs());
            entry.put("solved", row.solved());
            entry.put("success_rate", row.successRate());
            entry.put("avg_turns", row.averageTurns());
            entry.put("avg_tokens", row.averageTokens());
            entry.put("errors", row.errors());
            out.add(entry);
        }
        try {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("protocol", protocol);
            summary.put("expected_runs", expectedRuns);
            summary.put("finished_runs", finishedRuns());
            summary.put("rows", out);
            return BenchPython.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(summary);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The rows the chart draws: one panel row per task class present (multi-tool, atomic). */
    public String chartRows() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (SummaryRow row : rows) {
            if (row.group().equals(ALL)) {
                continue;
            }
            out.add(Map.of("model", row.model(), "mode", row.mode().id(), "class", row.group(),
                    "success_rate", row.successRate(), "avg_turns", row.averageTurns()));
        }
        try {
            return BenchPython.JSON.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String heading(String group) {
        return switch (group) {
            case "multi-tool" -> "Multi-tool tasks (two or more tool calls)";
            case "atomic" -> "Atomic tasks (exactly one tool call)";
            default -> "All tasks";
        };
    }
}
