package studio.codeact.bench;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The built-in suite, checked in a real engine: every reference solution passes its own checker. */
class SuiteCheckTest {

    @Test
    void everyBuiltinTaskReferenceSolutionPassesItsOwnChecker() {
        StringWriter printed = new StringWriter();
        TaskSuite suite = SharedEngine.builtinSuite();
        List<TaskCheck> checks = SuiteCheck.run(SharedEngine.python(), suite, new PrintWriter(printed, true));

        assertThat(checks).hasSize(suite.tasks().size());
        assertThat(checks).allSatisfy(check -> assertThat(check.ok()).as(check.taskId() + ": " + check.detail()).isTrue());
        assertThat(checks).allMatch(TaskCheck::reference);
        assertThat(printed.toString()).contains(suite.tasks().size() + " tasks: " + suite.tasks().size() + " passed, 0 failed");
    }

    @Test
    void theBuiltinSuiteHasFortyPlusMultiToolTasksAndAnAtomicClass() {
        TaskSuite suite = SharedEngine.builtinSuite();
        long multi = suite.tasks().stream().filter(task -> task.taskClass() == TaskClass.MULTI_TOOL).count();
        long atomic = suite.tasks().stream().filter(task -> task.taskClass() == TaskClass.ATOMIC).count();
        assertThat(multi).isGreaterThanOrEqualTo(40);
        assertThat(atomic).isGreaterThanOrEqualTo(10);
        assertThat(suite.tasks()).allSatisfy(task -> assertThat(task.tools()).isNotEmpty().doesNotContainNull());
    }

    @Test
    void multiToolTasksNeedMoreOrLessComposition() {
        List<Integer> calls = SuiteCheck.run(SharedEngine.python(), SharedEngine.builtinSuite(),
                        new PrintWriter(new StringWriter())).stream()
                .filter(check -> SharedEngine.task(check.taskId()).taskClass() == TaskClass.MULTI_TOOL)
                .map(TaskCheck::calls).toList();
        assertThat(calls.stream().filter(n -> n <= 3).count()).as("tasks of two or three calls").isGreaterThanOrEqualTo(10);
        assertThat(calls.stream().filter(n -> n >= 10).count()).as("tasks looping over ten or more calls").isGreaterThanOrEqualTo(10);
    }
}
