package studio.codeact.engine.kernel;

import studio.codeact.engine.EngineConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command line and environment of a kernel process.
 *
 * <p>Default: {@code <python> -Xfrozen_modules=off -m ipykernel_launcher -f <connection file>
 * --InteractiveShell.colors=NoColor}; with a kernelspec, its {@code argv} (plus the NoColor flag
 * when it runs ipykernel). Wrapped, outermost first, in {@code setsid} (its own session and
 * process group, as jupyter_client does: a Ctrl-C in the app's terminal does not reach it, and
 * an interrupt reaches the kernel's children too) and, with a memory limit, in
 * {@code prlimit --as=<bytes>} (or {@code sh -c 'ulimit -v'} without prlimit). Both exec the
 * kernel, so the process Java starts is the kernel itself.
 */
record LaunchCommand(List<String> argv, Map<String, String> addedEnv, boolean ownProcessGroup) {

    static final String NO_COLOR = "--InteractiveShell.colors=NoColor";

    static LaunchCommand of(EngineConfig config, Optional<KernelSpec> spec, Path connectionFile) {
        List<String> kernel = new ArrayList<>();
        if (spec.isPresent()) {
            kernel.addAll(spec.get().argv(connectionFile));
            if (kernel.stream().anyMatch(arg -> arg.contains("ipykernel")) && !kernel.contains(NO_COLOR)) {
                kernel.add(NO_COLOR);
            }
        } else {
            kernel.addAll(List.of(config.python().toString(), "-Xfrozen_modules=off", "-m", "ipykernel_launcher",
                    "-f", connectionFile.toString(), NO_COLOR));
        }
        List<String> argv = new ArrayList<>();
        Optional<Path> setsid = tool("setsid");
        setsid.ifPresent(path -> argv.add(path.toString()));
        if (config.memoryLimitBytes() > 0) {
            Optional<Path> prlimit = tool("prlimit");
            if (prlimit.isPresent()) {
                argv.addAll(List.of(prlimit.get().toString(), "--as=" + config.memoryLimitBytes(), "--"));
            } else {
                argv.addAll(List.of("/bin/sh", "-c", "ulimit -v " + Math.max(1, config.memoryLimitBytes() / 1024) + " && exec \"$@\"", "sh"));
            }
        }
        argv.addAll(kernel);
        Map<String, String> env = spec.map(KernelSpec::env).orElse(Map.of());
        return new LaunchCommand(argv, env, setsid.isPresent());
    }

    /** Applies this command's environment: the spec's variables, the parent pid, no inherited {@code MPLBACKEND}. */
    void applyTo(Map<String, String> environment) {
        // an inherited MPLBACKEND (e.g. Agg) would stop inline figures from arriving at all
        environment.remove("MPLBACKEND");
        environment.putAll(addedEnv);
        // ipykernel exits by itself once this process is gone (see KernelProcesses)
        environment.put("JPY_PARENT_PID", Long.toString(ProcessHandle.current().pid()));
    }

    private static Optional<Path> tool(String name) {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
            Path path = Path.of(dir, name);
            if (Files.isExecutable(path)) {
                return Optional.of(path);
            }
        }
        return Optional.empty();
    }
}
