package studio.codeact.engine.embedded;

import studio.codeact.engine.EngineException;
import studio.codeact.engine.PythonInterpreter;

import java.lang.foreign.SymbolLookup;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds and loads the shared {@code libpython} of the chosen interpreter.
 *
 * <p>The interpreter itself says where its library is ({@link studio.codeact.engine.PythonLocator}
 * asks {@code sysconfig} for {@code LDLIBRARY}/{@code LIBDIR}), so a venv or a conda environment
 * works like the system Python. The library is opened with {@code RTLD_GLOBAL}: C extensions such
 * as numpy are not linked against libpython and find its symbols in the global scope. A loaded
 * library stays loaded for the life of the process.
 */
record LibPython(PythonInterpreter interpreter, Path path, long handle) {

    /**
     * Loads the interpreter's libpython.
     *
     * @throws EngineException when it has none (a statically built Python) or it does not load
     */
    static LibPython load(PythonInterpreter interpreter) {
        Path path = interpreter.libpython().filter(Files::isReadable).orElseThrow(() -> new EngineException(
                interpreter.executable() + " has no shared libpython, which the embedded engine needs; use --engine kernel"
                        + " (or install the shared library, e.g. Debian's libpython" + majorMinor(interpreter.version()) + ")"));
        long handle = Libc.openGlobal(path.toString()).orElseThrow(() -> new EngineException(
                "could not load " + path + " (" + Libc.lastError() + "); use --engine kernel"));
        return new LibPython(interpreter, path, handle);
    }

    /** Looks up C API functions and data in the loaded library. */
    SymbolLookup lookup() {
        return name -> Libc.symbol(handle, name);
    }

    /** Whether the library exports {@code name} (some C API functions come and go between versions). */
    boolean has(String name) {
        return Libc.symbol(handle, name).isPresent();
    }

    private static String majorMinor(String version) {
        String[] parts = version.split("\\.");
        return parts.length >= 2 ? parts[0] + "." + parts[1] : version;
    }
}
