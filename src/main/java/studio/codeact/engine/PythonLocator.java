package studio.codeact.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Finds the Python interpreter CodeAct Studio uses and asks it about itself.
 *
 * <p>Order: the setting (an explicit path), then {@code CODEACT_PYTHON}, then
 * {@code /usr/bin/python3}. Never the first {@code python3} on {@code PATH}: on many machines
 * that is a pyenv or other build without the data-science packages.
 */
public final class PythonLocator {

    public static final String ENV_VAR = "CODEACT_PYTHON";
    public static final Path SYSTEM_PYTHON = Path.of("/usr/bin/python3");

    private static final Map<Path, PythonInterpreter> PROBED = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();

    private PythonLocator() {
    }

    /** The interpreter path to use: {@code setting} if given, else {@code CODEACT_PYTHON}, else {@code /usr/bin/python3}. */
    public static Path choose(String setting) {
        if (setting != null && !setting.isBlank()) {
            return Path.of(setting.trim());
        }
        String fromEnv = System.getenv(ENV_VAR);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv.trim());
        }
        return SYSTEM_PYTHON;
    }

    /**
     * Like {@link #choose}, but when nothing was chosen explicitly (no setting, no
     * {@code CODEACT_PYTHON}) and {@code /usr/bin/python3} is missing or lacks the required
     * packages, the first {@link #discover discovered} interpreter that has them — so an
     * installed app finds a conda env or venv on its first start. Blocking (it may run
     * interpreters): call off the JavaFX thread.
     */
    public static Path chooseReady(String setting) {
        Path chosen = choose(setting);
        boolean explicit = (setting != null && !setting.isBlank()) || !System.getenv().getOrDefault(ENV_VAR, "").isBlank();
        if (explicit || isReady(chosen)) {
            return chosen;
        }
        return discover().stream().findFirst().map(PythonInterpreter::executable).orElse(chosen);
    }

    /** Interpreters in the usual places (system, conda, venvs, Jupyter kernelspecs) that have every required package. */
    public static List<PythonInterpreter> discover() {
        List<PythonInterpreter> ready = new ArrayList<>();
        for (Path candidate : PythonCandidates.find(System.getenv(), Path.of(System.getProperty("user.home")))) {
            if (isReady(candidate)) {
                ready.add(probe(candidate));
            }
        }
        return ready;
    }

    private static boolean isReady(Path python) {
        try {
            return probe(python).missingRequired().isEmpty();
        } catch (EngineException e) {
            return false;
        }
    }

    /** {@link #choose} then {@link #probe}. */
    public static PythonInterpreter locate(String setting) {
        return probe(choose(setting));
    }

    /**
     * Runs the interpreter once to learn its version, paths, libpython and packages (cached per path).
     *
     * @throws EngineException when it does not exist or does not run, with what to do about it
     */
    public static PythonInterpreter probe(Path executable) {
        return PROBED.computeIfAbsent(executable, PythonLocator::runProbe);
    }

    private static PythonInterpreter runProbe(Path executable) {
        if (!Files.isExecutable(executable)) {
            throw new EngineException("no Python interpreter at " + executable + "; install one (Debian/Ubuntu: sudo apt-get install "
                    + PythonInterpreter.DEBIAN_PACKAGES + ") or point " + ENV_VAR + " at one");
        }
        try {
            Process process = new ProcessBuilder(executable.toString(), "-c", probeScript())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new EngineException(executable + " did not run the probe script; check that it is a working Python 3 interpreter");
            }
            return parse(executable, JSON.readTree(out));
        } catch (IOException e) {
            throw new EngineException("could not run " + executable + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while asking " + executable + " about itself", e);
        }
    }

    private static PythonInterpreter parse(Path executable, JsonNode probe) {
        List<String> path = new ArrayList<>();
        probe.path("path").forEach(node -> path.add(node.asText()));
        Map<String, String> packages = new LinkedHashMap<>();
        probe.path("packages").properties().forEach(entry -> {
            if (!entry.getValue().isNull()) {
                packages.put(entry.getKey(), entry.getValue().asText());
            }
        });
        JsonNode lib = probe.path("libpython");
        return new PythonInterpreter(executable, probe.path("version").asText(), Path.of(probe.path("prefix").asText()),
                Path.of(probe.path("base_prefix").asText()), path,
                lib.isTextual() ? Optional.of(Path.of(lib.asText())) : Optional.empty(), packages);
    }

    private static String probeScript() {
        return PythonSupport.resource("probe.py");
    }
}
