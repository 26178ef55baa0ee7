package studio.codeact.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code --check-suite}: every task's reference solution, run through the task's own checker in a
 * real interpreter, with no model involved. It also holds the suite to its classes: an atomic
 * task's reference makes exactly one tool call, a multi-tool task's two or more.
 */
public final class SuiteCheck {

    private SuiteCheck() {
    }

    /** Checks every task, printing one line per task and a total to {@code out}; returns the verdicts. */
    public static List<TaskCheck> run(BenchPython python, TaskSuite suite, PrintWriter out) {
        List<TaskCheck> checks = new ArrayList<>();
        for (BenchTask task : suite.tasks()) {
            TaskCheck check = python.check(suite, task);
            checks.add(check);
            out.println(line(task, check));
            out.flush();
        }
        long failed = checks.stream().filter(check -> !check.ok()).count();
        long withoutReference = checks.stream().filter(check -> !check.reference()).count();
        out.printf(Locale.ROOT, "%d tasks: %d passed, %d failed%s%n", checks.size(), checks.size() - failed, failed,
                withoutReference == 0 ? "" : " (" + withoutReference + " without a reference solution: only their expected answer was checked)");
        List<ToolInfo> mismatched = mismatches(suite);
        if (!mismatched.isEmpty()) {
            out.printf(Locale.ROOT, "%d tool%s declared with a signature that is not the function's (calls are checked against, "
                    + "and prompts show, the function's own):%n", mismatched.size(), mismatched.size() == 1 ? " is" : "s are");
            mismatched.forEach(tool -> out.println("  " + tool.name() + ": " + tool.mismatch()));
        }
        out.flush();
        return checks;
    }

    /** Every tool of the suite (once) whose declared signature names other parameters than its function has. */
    static List<ToolInfo> mismatches(TaskSuite suite) {
        java.util.Map<String, ToolInfo> found = new java.util.LinkedHashMap<>();
        for (BenchTask task : suite.tasks()) {
            for (ToolInfo tool : task.tools()) {
                if (!tool.mismatch().isEmpty()) {
                    found.putIfAbsent(tool.name() + "\u0000" + tool.mismatch(), tool);
                }
            }
        }
        return List.copyOf(found.values());
    }

    static String line(BenchTask task, TaskCheck check) {
        String note = check.detail().isEmpty() ? "" : "  " + check.detail();
        return String.format(Locale.ROOT, "%s %-34s %-10s %2d call%s%s", check.ok() ? "ok  " : "FAIL", task.id(),
                task.taskClass().id(), check.calls(), check.calls() == 1 ? " " : "s", note);
    }
}
