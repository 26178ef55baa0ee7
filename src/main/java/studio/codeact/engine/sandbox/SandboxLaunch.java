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
 * How a kernel process is started inside the sandbox: {@code <python> codeact_sandbox.py
 * <policy.json> -- <kernel argv>}. The script confines its own (single-threaded) process and
 * execs the kernel, which keeps the pid, the confinement and no-new-privileges; it is a child
 * subreaper, may listen on exactly its five ZeroMQ ports and connect nowhere.
 *
 * @param prefix  the words to put before the kernel's command
 * @param kernel  the kernel's command, its connection file moved into the private folder (ipykernel
 *                deletes and rewrites that file at start, which it may do only there)
 * @param folders the kernel's private temporary and cache folders (remove them when it is gone)
 * @param env     variables the kernel's environment gets (TMPDIR, MPLCONFIGDIR …)
 */
public record SandboxLaunch(List<String> prefix, List<String> kernel, SandboxFolders folders, Map<String, String> env) {

    /** Writes the policy and the script; the kernel will run {@code kernelArgv} in {@code workingDirectory}. */
    public static SandboxLaunch prepare(SandboxConfig config, Path python, Path workingDirectory, List<Integer> ports,
                                        Path connectionFile, List<String> kernelArgv) {
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
            List<String> prefix = new ArrayList<>(List.of(python.toString(), "-S", "-E", script.toString(), file.toString(), "--"));
            return new SandboxLaunch(prefix, kernel, folders, policy.environment());
        } catch (IOException | UncheckedIOException e) {
            folders.delete();
            throw new IllegalStateException("could not prepare the kernel's sandbox: " + e.getMessage(), e);
        }
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
