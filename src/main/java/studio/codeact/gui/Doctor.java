package studio.codeact.gui;

import studio.codeact.engine.EngineException;
import studio.codeact.engine.EngineKind;
import studio.codeact.engine.PythonInterpreter;
import studio.codeact.engine.PythonLocator;

import java.nio.file.Path;
import java.util.List;

/**
 * The doctor's check of a Python interpreter, as the window shows it: fine, or what is missing
 * and the exact command that fixes it. Blocking (it runs the interpreter once): call off the FX thread.
 */
public final class Doctor {

    /** The verdict: {@code ok}, a one-line summary, and the command to run when not ok (else empty). */
    public record Report(boolean ok, String summary, String fix) { }

    public static final String APT_COMMAND = "sudo apt-get install -y --no-install-recommends " + PythonInterpreter.DEBIAN_PACKAGES;

    private Doctor() {
    }

    /** Checks {@code python} (blank: the default choice) for what {@code kind} needs. */
    public static Report check(String python, EngineKind kind) {
        Path chosen = PythonLocator.chooseReady(python);
        PythonInterpreter interpreter;
        try {
            interpreter = PythonLocator.probe(chosen);
        } catch (EngineException e) {
            return new Report(false, Messages.sentence(e), APT_COMMAND);
        }
        return judge(interpreter, kind);
    }

    static Report judge(PythonInterpreter interpreter, EngineKind kind) {
        String where = "Python " + interpreter.version() + " at " + interpreter.executable();
        List<String> missing = interpreter.missingRequired();
        if (!missing.isEmpty()) {
            return new Report(false, where + " lacks " + String.join(", ", missing) + ". Install them, or choose another interpreter.",
                    APT_COMMAND);
        }
        if (kind == EngineKind.EMBEDDED && interpreter.libpython().isEmpty()) {
            return new Report(false, where + " has no shared libpython, which the embedded engine needs. "
                    + "Install it, or choose the kernel engine.", "sudo apt-get install -y libpython" + shortVersion(interpreter.version()));
        }
        String pandas = interpreter.packageVersion("pandas").orElse("?");
        String sklearn = interpreter.packageVersion("sklearn").orElse("?");
        return new Report(true, where + " is ready (pandas " + pandas + ", scikit-learn " + sklearn + ").", "");
    }

    private static String shortVersion(String version) {
        String[] parts = version.split("\\.");
        return parts.length >= 2 ? parts[0] + "." + parts[1] : version;
    }
}
