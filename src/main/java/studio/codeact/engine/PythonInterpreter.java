package studio.codeact.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Python interpreter as {@link PythonLocator} found it.
 *
 * @param executable the interpreter's path
 * @param version    e.g. {@code 3.11.2}
 * @param prefix     {@code sys.prefix} (a venv's own folder for a venv)
 * @param basePrefix {@code sys.base_prefix} (the installation the venv was made from)
 * @param path       {@code sys.path} as that interpreter sets it
 * @param libpython  its shared library, when it has one (the embedded engine needs it)
 * @param packages   version of each package CodeAct Studio cares about; absent ones are missing
 */
public record PythonInterpreter(Path executable, String version, Path prefix, Path basePrefix,
                                List<String> path, Optional<Path> libpython, Map<String, String> packages) {

    /** Packages without which the app cannot work. */
    public static final List<String> REQUIRED = List.of("pandas", "sklearn", "matplotlib", "IPython", "ipykernel", "matplotlib_inline");

    /** The Debian/Ubuntu packages that give a system Python everything CodeAct Studio uses. */
    public static final String DEBIAN_PACKAGES = "python3-pandas python3-sklearn python3-matplotlib python3-seaborn "
            + "python3-statsmodels python3-openpyxl python3-ipykernel python3-matplotlib-inline libpython3.11";

    public PythonInterpreter {
        path = List.copyOf(path);
        packages = Map.copyOf(packages);
    }

    public Optional<String> packageVersion(String name) {
        return Optional.ofNullable(packages.get(name));
    }

    public List<String> missingRequired() {
        return REQUIRED.stream().filter(name -> !packages.containsKey(name)).toList();
    }
}
