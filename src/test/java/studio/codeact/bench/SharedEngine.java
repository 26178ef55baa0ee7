package studio.codeact.bench;

import studio.codeact.engine.PythonEngine;

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
            PythonEngine engine = new InterimSubprocessEngine(); // INTERIM until Engines lands on main
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
