package studio.codeact.bench;

import java.util.List;
import java.util.Objects;

/**
 * One task of a suite, as the harness describes it (how it is scored stays on the Python side).
 *
 * @param id           unique within the suite
 * @param title        one line for lists and reports
 * @param taskClass    multi-tool or atomic
 * @param instruction  what the model is asked
 * @param tools        the tools it may use, in the order the task lists them
 * @param maxTurns     most model replies before the task counts as failed
 * @param hasReference whether a reference solution exists for {@code --check-suite}
 */
public record BenchTask(String id, String title, TaskClass taskClass, String instruction, List<ToolInfo> tools,
                        int maxTurns, boolean hasReference) {

    public BenchTask {
        Objects.requireNonNull(id, "id");
        title = title == null || title.isBlank() ? id : title;
        Objects.requireNonNull(taskClass, "taskClass");
        Objects.requireNonNull(instruction, "instruction");
        tools = List.copyOf(tools);
        if (maxTurns < 1) {
            throw new IllegalArgumentException("task " + id + " needs a turn limit of at least 1");
        }
    }
}
