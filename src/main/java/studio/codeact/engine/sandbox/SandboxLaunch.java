package studio.codeact.engine.sandbox;

import studio.codeact.engine.PythonSupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a kernel process is started inside the sandbox: {@code <python> -S -E codeact_sandbox.py
 * <policy.json> -- <kernel argv>}. The script confines its own (single-threaded) process and
 * execs the kernel, which keeps the pid, the confinement and no-new-privileges; it is a child
 * subreaper, may listen on exactly its five ZeroMQ ports and connect nowhere.
 *
 * <p>The default kernel ({@code <python> -X… -m ipykernel_launcher …}) runs in the script's own
 * interpreter instead, one Python start rather than two: {@code <python> -X… codeact_sandbox.py
 * <policy.json> -- -m ipykernel_launcher …}. That interpreter has the kernel's own flags (no
 * {@code -S}/{@code -E}: processes the code starts with {@code sys.executable} and the
 * interpreter's flags, as multiprocessing and joblib do, must find the site-packages), so
 * {@code site} (its {@code .pth} files, {@code sitecustomize}) and the {@code PYTHON*} variables
 * take effect before the script confines it. It is chosen only where the code cannot have
 * written any of that: the interpreter, the home (the user's site-packages) and every entry of
 * {@code PYTHONPATH}, {@code PYTHONHOME} and {@code PYTHONUSERBASE} lie outside the folders the
 * sandbox lets it write ({@link #runsInScript}); otherwise, and for any kernelspec, the script execs.
 *
 * @param prefix  the words to put before the kernel's command
 * @param kernel  the kernel's command, its connection file moved into the private folder (ipykernel
 *                deletes and rewrites that file at start, which it may do only there)
 * @param folders the kernel's private temporary and cache folders (remove them when it is gone)
 * @param env     variables the kernel's environment gets (TMPDIR, MPLCONFIGDIR …)
 */
public record SandboxLaunch(List<String> prefix, List<String> kernel, SandboxFolders folders, Map<String, String> env) {

    /** Variables that put code on the interpreter's path before the script runs (see the class comment). */
    static final List<String> PATH_VARIABLES = List.of("PYTHONPATH", "PYTHONHOME", "PYTHONUSERBASE");

    /**
     * Writes the policy and the script; the kernel will run {@code kernelArgv} in {@code workingDirectory}.
     * {@code defaultKernel}: {@code kernelArgv} is the engine's own ipykernel command, not a kernelspec's.
     */
    public static SandboxLaunch prepare(SandboxConfig config, Path python, Path workingDirectory, List<Integer> ports,
                                        Path connectionFile, List<String> kernelArgv, boolean defaultKernel) {
        SandboxFolders folders = SandboxFolders.create();
        Path runtime = folders.root().resolve("runtime");
        SandboxPolicy policy = SandboxPolicy.of(config, home(), workingDirectory, folders)
                .bindPorts(ports)
                .subreaper()
                .writable(runtime)
                .readable(PythonSupport.folder());
        Path program = Path.of(kernelArgv.getFirst());
        if (program.isAbsolute() && program.getParent() != null && program.getParent().getParent() != null) {
            policy.readable(program.getParent().getParent()); // a kernelspec's environment in a hidden folder
        }
        try {
            Path script = PythonSupport.copyResource("sandbox/codeact_sandbox.py", folders.root().resolve("codeact_sandbox.py"));
            Path file = folders.root().resolve("policy.json");
            Files.writeString(file, policy.toJson());
            Files.createDirectories(runtime);
            Path copy = Files.copy(connectionFile, runtime.resolve(connectionFile.getFileName()));
            List<String> kernel = kernelArgv.stream().map(arg -> arg.replace(connectionFile.toString(), copy.toString())).toList();
            if (defaultKernel && runsModuleOf(python, kernel) && runsInScript(policy, python, home(), System.getenv())) {
                // python FLAGS -m MODULE ARGS → python FLAGS codeact_sandbox.py POLICY -- -m MODULE ARGS
                int module = kernel.indexOf("-m");
                List<String> prefix = new ArrayList<>(kernel.subList(0, module));
                prefix.addAll(List.of(script.toString(), file.toString(), "--"));
                return new SandboxLaunch(prefix, List.copyOf(kernel.subList(module, kernel.size())), folders, policy.environment());
            }
            List<String> prefix = new ArrayList<>(List.of(python.toString(), "-S", "-E", script.toString(), file.toString(), "--"));
            return new SandboxLaunch(prefix, kernel, folders, policy.environment());
        } catch (IOException | UncheckedIOException e) {
            folders.delete();
            throw new IllegalStateException("could not prepare the kernel's sandbox: " + e.getMessage(), e);
        }
    }

    /**
     * Whether {@code kernel} is {@code <python> [-X…] -m MODULE …} with the engine's own interpreter and
     * only {@code -X} options: what the script can run in its own interpreter.
     */
    static boolean runsModuleOf(Path python, List<String> kernel) {
        int module = kernel.indexOf("-m");
        return module > 0 && module + 1 < kernel.size() && kernel.getFirst().equals(python.toString())
                && kernel.subList(1, module).stream().allMatch(flag -> flag.startsWith("-X") && flag.length() > 2);
    }

    /**
     * Whether nothing the interpreter loads before the script confines it can have been written by
     * sandboxed code: the interpreter (a virtual environment inside the working folder), the home
     * (the user's site-packages) and the entries of {@link #PATH_VARIABLES} in {@code environment}
     * all lie outside the folders {@code policy} lets the code write.
     */
    static boolean runsInScript(SandboxPolicy policy, Path python, Path home, Map<String, String> environment) {
        List<Path> loaded = new ArrayList<>(List.of(python.toAbsolutePath(), home.toAbsolutePath()));
        try {
            loaded.add(python.toRealPath());
        } catch (IOException e) {
            return false;
        }
        for (String name : PATH_VARIABLES) {
            String value = environment.get(name);
            if (value != null && !value.isEmpty()) {
                for (String entry : value.split(java.io.File.pathSeparator, -1)) {
                    loaded.add(Path.of(entry)); // an empty or relative entry is the working folder: writable
                }
            }
        }
        return loaded.stream().noneMatch(policy::writes);
    }

    /**
     * The user's home as the sandbox sees it: the system property {@code codeact.sandbox.home}
     * (tests), else {@code $HOME}, else the JVM's {@code user.home}.
     */
    public static Path home() {
        String override = System.getProperty("codeact.sandbox.home");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String home = System.getenv("HOME");
        return Path.of(home == null || home.isBlank() ? System.getProperty("user.home") : home);
    }
}
