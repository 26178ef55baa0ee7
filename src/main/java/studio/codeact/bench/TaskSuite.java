package studio.codeact.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A suite as read by the harness inside an engine.
 *
 * @param name        from {@code suite.json}, else the folder's name
 * @param folder      where it lives
 * @param description one paragraph, may be empty
 * @param tasks       in file order
 */
public record TaskSuite(String name, Path folder, String description, List<BenchTask> tasks) {

    public TaskSuite {
        tasks = List.copyOf(tasks);
        description = description == null ? "" : description;
    }

    public Optional<BenchTask> task(String id) {
        return tasks.stream().filter(task -> task.id().equals(id)).findFirst();
    }
}
