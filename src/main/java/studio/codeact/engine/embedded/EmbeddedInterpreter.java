package studio.codeact.engine.embedded;

import studio.codeact.engine.EngineException;
import studio.codeact.engine.PythonInterpreter;
import studio.codeact.engine.PythonSupport;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The one CPython of this process and what serves it: libpython, the interpreter's thread, the
 * bridge to IPython, the upcalls, the interrupter and the memory watch. Every
 * {@link EmbeddedEngine} of the process shares it; each engine has its own IPython shell
 * (namespace, history, execution count) in it. It is never shut down: CPython cannot be
 * finalised and started again once numpy was loaded, so it lives as long as the process.
 */
final class EmbeddedInterpreter {

    /** The Python modules of the bridge, shipped as resources next to this class. */
    private static final List<String> MODULES = List.of("codeact_io.py", "codeact_guard.py", "codeact_shell.py", "codeact_embedded.py");

    private static EmbeddedInterpreter instance;
    private static PythonThread started;
    private static PythonInterpreter startedWith;

    final PythonInterpreter python;
    final LibPython library;
    final PythonThread thread;
    final PythonBridge bridge;
    final Interrupter interrupter;
    final MemoryWatch memory;
    final ScheduledExecutorService timer;
    final Upcalls upcalls;
    final double startMillis;
    /** How long each step of the start took, in milliseconds (for {@code info()} and the doctor). */
    final Map<String, Double> startPhases;
    /** Lends the main-thread role to sessions' confined threads; null when this Python's runtime could not be read. */
    final MainThreadSwitch mainThread;
    private final Map<Integer, ConfinedThread> confined = new java.util.concurrent.ConcurrentHashMap<>();

    private EmbeddedInterpreter(PythonInterpreter python, LibPython library, PythonThread thread, PythonBridge bridge,
                                Upcalls upcalls, Interrupter interrupter, ScheduledExecutorService timer, double startMillis,
                                Map<String, Double> startPhases) {
        this.python = python;
        this.library = library;
        this.thread = thread;
        this.bridge = bridge;
        this.upcalls = upcalls;
        this.interrupter = interrupter;
        this.timer = timer;
        this.memory = new MemoryWatch(interrupter);
        this.startMillis = startMillis;
        this.startPhases = Map.copyOf(startPhases);
        this.mainThread = MainThreadSwitch.find(library, thread.pthread());
    }

    /**
     * The process's interpreter, started on first use with {@code python}.
     *
     * @throws EngineException when {@code python} cannot be embedded, or another Python already is
     */
    static synchronized EmbeddedInterpreter obtain(PythonInterpreter python) {
        if (startedWith != null && !sameEnvironment(startedWith, python)) {
            throw new EngineException("the embedded engine already runs " + startedWith.executable() + " in this process and cannot also run "
                    + python.executable() + "; use --engine kernel for a second Python");
        }
        if (instance == null) {
            instance = start(python);
        }
        return instance;
    }

    /** Two paths to one environment ({@code python3} and {@code python3.11}) may share the interpreter; a venv may not. */
    private static boolean sameEnvironment(PythonInterpreter running, PythonInterpreter wanted) {
        return running.executable().equals(wanted.executable())
                || running.prefix().equals(wanted.prefix()) && running.libpython().equals(wanted.libpython());
    }

    private static EmbeddedInterpreter start(PythonInterpreter python) {
        long began = System.nanoTime();
        Map<String, Double> phases = new LinkedHashMap<>();
        CompletableFuture<Path> support = new CompletableFuture<>();
        Thread.ofPlatform().name("codeact-embedded-files").start(() -> {
            try {
                support.complete(supportFolder(python));
            } catch (RuntimeException e) {
                support.completeExceptionally(e);
            }
        });
        LibPython library = LibPython.load(python);
        CApi api = new CApi(library);
        long loaded = System.nanoTime();
        phases.put("load_ms", millis(began, loaded));
        if (started == null) {
            started = PythonThread.start(api, python.executable().toString());
            startedWith = python;
        }
        PythonThread thread = started;
        phases.put("initialize_ms", millis(loaded, System.nanoTime()));
        List<String> path = new ArrayList<>(python.path());
        path.add(support.join().toString());
        // the heavy part (importing IPython) runs on the Python thread while Java prepares the rest
        CompletableFuture<PyRef> module = thread.submit(py -> {
            long importing = System.nanoTime();
            py.setSys("path", py.stringList(path));
            PyRef imported = py.importModule(PythonBridge.MODULE);
            phases.put("import_ipython_ms", millis(importing, System.nanoTime()));
            return imported;
        });
        long preparing = System.nanoTime();
        Upcalls upcalls = new Upcalls();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                work -> Thread.ofPlatform().name("codeact-embedded-timer").daemon(true).unstarted(work));
        Interrupter interrupter = new Interrupter(thread.pthread(), timer);
        double javaMillis = millis(preparing, System.nanoTime());
        try {
            PythonBridge bridge = thread.submit(py -> {
                try (PyRef bridgeModule = module.join()) {
                    long installing = System.nanoTime();
                    PythonBridge installed = PythonBridge.install(py, bridgeModule, upcalls, interrupter, python.executable().toString());
                    phases.put("install_ms", millis(installing, System.nanoTime()));
                    return installed;
                }
            }).join();
            phases.put("upcalls_ms (alongside the import)", javaMillis);
            return new EmbeddedInterpreter(python, library, thread, bridge, upcalls, interrupter, timer,
                    millis(began, System.nanoTime()), phases);
        } catch (CompletionException e) {
            timer.shutdownNow();
            Throwable cause = e.getCause() instanceof CompletionException inner ? inner.getCause() : e.getCause();
            throw new EngineException("the embedded engine could not load IPython into " + python.executable() + ": "
                    + cause.getMessage() + "; install " + PythonInterpreter.DEBIAN_PACKAGES + " or use --engine kernel", cause);
        }
    }

    private static double millis(long from, long to) {
        return Math.round((to - from) / 1e4) / 100.0;
    }

    /** The shared support folder ({@code codeact_support.py}) with the bridge modules added. */
    private static Path supportFolder(PythonInterpreter python) {
        Path folder = PythonSupport.folder();
        for (String name : MODULES) {
            File file = PythonSupport.copyResource("embedded/" + name, folder.resolve(name)).toFile();
            file.deleteOnExit();
        }
        // Python caches the compiled modules next to them; remove those too when the JVM exits
        // (files registered later are deleted first: the cache files, then their folder)
        Path cache = folder.resolve("__pycache__");
        cache.toFile().deleteOnExit();
        String tag = ".cpython-" + python.version().replaceAll("^(\\d+)\\.(\\d+).*", "$1$2") + ".pyc";
        for (String name : MODULES) {
            cache.resolve(name.replace(".py", tag)).toFile().deleteOnExit();
        }
        cache.resolve(PythonSupport.MODULE + tag).toFile().deleteOnExit();
        PythonSupport.copyResource("sandbox/codeact_sandbox.py", folder.resolve("codeact_sandbox.py")).toFile().deleteOnExit();
        cache.resolve("codeact_sandbox" + tag).toFile().deleteOnExit();
        return folder;
    }

    /** Queues {@code task} on the interpreter's thread. */
    <T> CompletableFuture<T> submit(PythonThread.Task<T> task) {
        return thread.submit(task);
    }

    /** Queues {@code task} for {@code engine}: on its confined thread when it has one, else on the interpreter's thread. */
    <T> CompletableFuture<T> submitFor(int engine, PythonThread.Task<T> task) {
        return thread.submit(api -> onEngineThread(api, engine, task));
    }

    /** Runs {@code task} for {@code engine}; called on the interpreter's thread, holding the GIL. */
    private <T> T onEngineThread(CApi api, int engine, PythonThread.Task<T> task) throws Exception {
        ConfinedThread own = confined.get(engine);
        if (own == null) {
            return task.run(api);
        }
        long state = api.saveThread();
        try {
            return own.run(task);
        } finally {
            api.restoreThread(state);
        }
    }

    /**
     * Gives {@code engine} its own thread, confined by {@code policyJson} (see {@link ConfinedThread});
     * its work runs there from now on. Blocks; call it without holding the GIL.
     *
     * @throws EngineException when the thread cannot be confined
     */
    void confine(int engine, String policyJson) {
        if (mainThread == null) {
            throw new EngineException("the embedded engine cannot find where this Python (" + python.version()
                    + ") keeps its main thread, which interrupts need on a sandboxed thread");
        }
        try {
            ConfinedThread own = ConfinedThread.start(thread.api(), mainThread, "codeact-python-sandbox-" + engine,
                    api -> {
                        bridge.confine(api, policyJson);
                        return null;
                    });
            confined.put(engine, own);
        } catch (java.util.concurrent.CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new EngineException("could not start the sandbox: " + cause.getMessage(), cause);
        }
    }

    /** Ends {@code engine}'s confined thread, if it has one. */
    void release(int engine) {
        ConfinedThread own = confined.remove(engine);
        if (own != null) {
            own.stop();
        }
    }

    boolean isConfined(int engine) {
        return confined.containsKey(engine);
    }

    /** Queues a cell; it runs when the interpreter's thread gets to it (unless aborted before). */
    void enqueue(Execution execution) {
        thread.post(api -> {
            runCell(api, execution);
            return null;
        });
    }

    private void runCell(CApi api, Execution execution) {
        if (!execution.begin()) {
            return;
        }
        execution.owner.running(execution, true);
        ScheduledFuture<?> timeout = null;
        if (execution.request.timeout() != null) {
            timeout = timer.schedule(() -> interrupter.stop(execution, Execution.Stop.TIMEOUT, 0, 0),
                    Math.max(1, execution.request.timeout().toMillis()), TimeUnit.MILLISECONDS);
        }
        ConfinedThread own = confined.get(execution.owner.id());
        interrupter.target(own == null ? thread.pthread() : own.pthread());
        interrupter.begin(execution);
        upcalls.attach(execution);
        memory.begin(execution);
        PythonBridge.CellEnd end = null;
        RuntimeException failure = null;
        try {
            end = onEngineThread(api, execution.owner.id(), py -> bridge.execute(py, execution.owner.id(),
                    execution.request.code(), execution.request.silent(), execution.request.storeHistory()));
        } catch (RuntimeException e) {
            failure = e;
        } catch (Exception e) {
            failure = new IllegalStateException(e);
        } finally {
            if (timeout != null) {
                timeout.cancel(false);
            }
            memory.end();
            interrupter.end();
            upcalls.detach();
        }
        if (execution.stopped() == Execution.Stop.MEMORY) {
            Libc.mallocTrim();
        }
        execution.owner.running(execution, false);
        if (failure != null) {
            execution.fail(new EngineException("the embedded engine failed to run the cell: " + failure.getMessage(), failure));
        } else {
            execution.finish(end.succeeded(), end.executionCount());
        }
    }

    /** Interrupts {@code execution}: now if it runs, as soon as it starts if it is queued; false if it ended. */
    boolean stop(Execution execution, Execution.Stop why) {
        return interrupter.stop(execution, why, 0, 0);
    }
}
