package studio.codeact.bench;

import studio.codeact.engine.EngineConfig;
import studio.codeact.engine.EngineKind;
import studio.codeact.engine.Engines;
import studio.codeact.engine.PythonEngine;
import studio.codeact.engine.PythonLocator;

/**
 * One real Python engine shared by the bench tests of this JVM, with the harness installed and the
 * built-in suite loaded (starting one costs about a second; each test prepares its own task, which
 * clears what earlier tests left in the namespace).
 */
final class SharedEngine {

    private static BenchPython python;
    private static TaskSuite builtin;

    private SharedEngine() {
    }

    static synchronized BenchPython python() {
        if (python == null) {
            PythonEngine engine = Engines.create(EngineKind.KERNEL, EngineConfig.of(PythonLocator.choose(null)));
            engine.start();
            Runtime.getRuntime().addShutdownHook(new Thread(engine::close, "bench-test-engine-close"));
            python = new BenchPython(engine);
            python.install();
        }
        return python;
    }

    static synchronized TaskSuite builtinSuite() {
        if (builtin == null) {
            builtin = python().load(BundledFiles.builtinSuite());
        }
        return builtin;
    }

    static BenchTask task(String id) {
        return builtinSuite().task(id).orElseThrow();
    }
}
