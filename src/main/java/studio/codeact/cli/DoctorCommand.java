package studio.codeact.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import studio.codeact.engine.EngineException;
import studio.codeact.engine.PythonInterpreter;
import studio.codeact.engine.PythonLocator;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code codeact doctor}: what this machine has, what is missing, and the fix. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check Java, Python, the Python packages and both engines; print the fix for anything missing.")
public final class DoctorCommand implements Callable<Integer> {

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
        PythonInterpreter interpreter;
        try {
            interpreter = PythonLocator.locate(python);
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
        }
        out.println(healthy ? "ok         everything CodeAct Studio needs is here" : "NOT READY  see the fixes above");
        return healthy ? Main.OK : Main.FAILED;
    }
}
