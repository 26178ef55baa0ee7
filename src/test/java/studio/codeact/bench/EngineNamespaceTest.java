package studio.codeact.bench;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import studio.codeact.engine.EngineConfig;
import studio.codeact.engine.EngineKind;
import studio.codeact.engine.Engines;
import studio.codeact.engine.ExecutionResult;
import studio.codeact.engine.PythonEngine;
import studio.codeact.engine.PythonLocator;

import static org.assertj.core.api.Assertions.assertThat;

/** In both engines, a task's tools are plain functions in the user's namespace, and the next task starts clean. */
class EngineNamespaceTest {

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"EMBEDDED", "KERNEL"})
    void toolsAreFunctionsInTheNamespaceAndEarlierTasksLeaveNothing(EngineKind kind) {
        try (PythonEngine engine = Engines.create(kind, EngineConfig.of(PythonLocator.choose(null)))) {
            engine.start();
            BenchPython python = new BenchPython(engine);
            python.install();
            TaskSuite suite = python.load(BundledFiles.builtinSuite());

            python.prepare(suite, suite.task("store-area-m2").orElseThrow());
            assertThat(text(engine.run("stores = get_store('S02'); stores['city']"))).isEqualTo("'Manchester'");

            python.prepare(suite, suite.task("leap-day-weekday").orElseThrow());
            assertThat(text(engine.run("weekday('2024-02-29')"))).isEqualTo("'Thursday'");
            assertThat(text(engine.run("[name in dir() for name in ('stores', 'get_store')]"))).isEqualTo("[False, False]");

            Score score = python.score(suite, suite.task("leap-day-weekday").orElseThrow(), "thursday");
            assertThat(score.success()).isTrue();
        }
    }

    private static String text(ExecutionResult result) {
        assertThat(result.ok()).as("%s", result.error()).isTrue();
        return result.result().map(r -> r.data().text()).orElse("");
    }
}
