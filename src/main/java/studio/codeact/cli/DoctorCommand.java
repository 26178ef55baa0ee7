package studio.codeact.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import studio.codeact.engine.EngineConfig;
import studio.codeact.engine.EngineException;
import studio.codeact.engine.EngineInfo;
import studio.codeact.engine.EngineKind;
import studio.codeact.engine.Engines;
import studio.codeact.engine.JupyterServerCheck;
import studio.codeact.engine.JupyterServerConfig;
import studio.codeact.engine.ExecutionResult;
import studio.codeact.engine.PythonEngine;
import studio.codeact.llm.settings.SettingsFile;
import studio.codeact.engine.PythonInterpreter;
import studio.codeact.engine.PythonLocator;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code codeact doctor}: what this machine has, what is missing, and the fix. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check Java, Python, the Python packages and both engines; print the fix for anything missing.")
public final class DoctorCommand implements Callable<Integer> {

    @Option(names = "--engine", paramLabel = "KIND",
            description = "Engine to treat as in use: embedded, kernel or remote (default: the settings file's, else embedded).")
    String engine;

    @picocli.CommandLine.Mixin
    JupyterOptions jupyter = new JupyterOptions();

    @Option(names = "--python", paramLabel = "PATH", description = "Python interpreter to check (default: $CODEACT_PYTHON, then /usr/bin/python3).")
    String python;

    private static final List<String> SHOWN = List.of("numpy", "pandas", "sklearn", "matplotlib", "seaborn", "statsmodels",
            "openpyxl", "IPython", "ipykernel", "matplotlib_inline", "nbformat", "pyarrow");

    @Override
    public Integer call() {
        PrintStream out = System.out;
        boolean healthy = true;
        out.printf("java       %s (%s) at %s%n", System.getProperty("java.version"), System.getProperty("java.vendor"),
                System.getProperty("java.home"));
        if (engine != null && EngineKind.parse(engine) == EngineKind.REMOTE) {
            return checkServer(out);
        }
        PythonInterpreter interpreter;
        try {
            interpreter = PythonLocator.locate(python != null ? python : settings().path("python").asText(null));
        } catch (EngineException e) {
            out.println("python     MISSING: " + e.getMessage());
            return Main.FAILED;
        }
        out.printf("python     %s at %s%n", interpreter.version(), interpreter.executable());
        for (String name : SHOWN) {
            String version = interpreter.packageVersion(name).orElse(null);
            boolean required = PythonInterpreter.REQUIRED.contains(name);
            String state = version != null ? version : required ? "MISSING (required)" : "not installed (optional)";
            out.printf("  %-18s %s%n", name, state);
        }
        List<String> missing = interpreter.missingRequired();
        if (!missing.isEmpty()) {
            healthy = false;
            out.println("fix        install the missing packages: sudo apt-get install -y --no-install-recommends "
                    + PythonInterpreter.DEBIAN_PACKAGES);
            out.println("           or point CODEACT_PYTHON at a venv/conda interpreter that has " + String.join(", ", missing));
            PythonLocator.discover().forEach(found -> out.println("found      " + found.executable() + " (Python " + found.version()
                    + ") has them: CODEACT_PYTHON=" + found.executable() + " ./codeact"));
        }
        if (missing.isEmpty()) {
            healthy &= checkEngines(out, interpreter);
        }
        printSandbox(out);
        out.println(healthy ? "ok         everything CodeAct Studio needs is here" : "NOT READY  see the fixes above");
        return healthy ? Main.OK : Main.FAILED;
    }

    /** The sandbox: its mechanism and version, and each guarantee it enforces (or why it cannot). */
    private static void printSandbox(PrintStream out) {
        studio.codeact.engine.sandbox.SandboxStatus status = studio.codeact.engine.sandbox.SandboxStatus.probe();
        if (!status.available()) {
            out.println("sandbox    UNAVAILABLE: " + status.reason().orElse("unknown")
                    + "; model code runs with your rights, and the app asks before running it");
            return;
        }
        out.printf("sandbox    on by default (--sandbox off to disable): %s, Linux %s%n", status.mechanism(), System.getProperty("os.version"));
        for (String guarantee : status.guarantees()) {
            out.println("  " + guarantee);
        }
        out.println("  the remote Jupyter Server engine: not applicable (code runs on the server)");
    }

    /** Starts both engines, runs one cell in each, and says which is in use and why the other is or is not available. */
    private boolean checkEngines(PrintStream out, PythonInterpreter interpreter) {
        EngineKind inUse = engine != null ? EngineKind.parse(engine)
                : EngineKind.parse(settings().path("engine").asText(EngineKind.EMBEDDED.id()));
        boolean inUseWorks = false;
        for (EngineKind kind : List.of(EngineKind.EMBEDDED, EngineKind.KERNEL)) {
            String label = String.format("%-10s", kind.id());
            try (PythonEngine candidate = Engines.create(kind, EngineConfig.of(interpreter.executable()))) {
                candidate.start();
                ExecutionResult check = candidate.run("import pandas, matplotlib; 1 + 1");
                if (!check.ok() || !check.result().map(r -> r.data().text()).orElse("").equals("2")) {
                    throw new EngineException("it started but could not run a cell: "
                            + check.error().map(studio.codeact.engine.Output.Error::summary).orElse(check.status().name()));
                }
                EngineInfo info = candidate.info();
                String where = kind == EngineKind.EMBEDDED
                        ? "libpython " + info.details().getOrDefault("libpython", "?")
                        : "ipykernel process, pid " + info.details().getOrDefault("pid", "?");
                out.printf("%s ready in %.0f ms (%s)%n", label, info.startMillis(), where);
                inUseWorks |= kind == inUse;
            } catch (RuntimeException e) {
                out.printf("%s NOT AVAILABLE: %s%n", label, Errors.sentence(e));
                if (kind == EngineKind.EMBEDDED) {
                    out.println("           the kernel engine works without libpython: ./codeact ask --engine kernel …, or \"engine\": \"kernel\" in " + SettingsFile.standard().path());
                }
            }
        }
        out.printf("in use     %s engine (%s)%n", inUse.id(), engine != null ? "--engine"
                : settings().has("engine") ? "from " + SettingsFile.standard().path() : "the default; choose with --engine, or \"engine\" in " + SettingsFile.standard().path());
        return inUseWorks;
    }

    /** {@code --engine remote}: the Jupyter server's version, kernelspecs, and a kernel started, asked and stopped. */
    private int checkServer(PrintStream out) {
        JupyterServerConfig server;
        try {
            server = jupyter.server(EngineKind.REMOTE, settings(), System.getenv()).orElseThrow();
        } catch (IllegalArgumentException e) {
            out.println("remote     " + e.getMessage());
            return Main.BAD_INPUT;
        }
        out.printf("server     %s (token %s)%n", server.url(), server.token().isEmpty() ? "none" : "set");
        try {
            JupyterServerCheck check = Engines.checkJupyterServer(server, true);
            out.printf("  version            %s%n", check.version());
            out.printf("  kernelspecs        %s (default %s)%n", String.join(", ", check.kernelSpecs()), check.defaultKernel());
            out.printf("remote     ready: kernel %s started, answered over the %s WebSocket (Python %s) and stopped in %.0f ms%n",
                    check.kernelStarted(), check.wireFormat(), check.pythonVersion(), check.kernelMillis());
            out.println("ok         the Jupyter server can run CodeAct Studio's code: ./codeact ask --engine remote --jupyter-url " + server.url() + " …");
            return Main.OK;
        } catch (EngineException e) {
            out.println("remote     NOT AVAILABLE: " + e.getMessage());
            out.println("NOT READY  see the message above");
            return JupyterOptions.exitCode(e);
        }
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode settings() {
        try {
            return SettingsFile.standard().read();
        } catch (RuntimeException e) {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        }
    }
}
