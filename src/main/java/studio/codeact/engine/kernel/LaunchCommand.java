package studio.codeact.engine.kernel;

import studio.codeact.engine.EngineConfig;
import studio.codeact.engine.sandbox.SandboxConfig;
import studio.codeact.engine.sandbox.SandboxLaunch;
import studio.codeact.engine.sandbox.SandboxStatus;
import studio.codeact.engine.sandbox.Secrets;

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
 * {@code prlimit --as=<bytes>} (or {@code sh -c 'ulimit -v'} without prlimit) as a backstop far
 * above the ceiling; the ceiling itself ({@code CODEACT_MEMORY_LIMIT}) is enforced inside the kernel
 * by {@code codeact_support.MemoryGuard} on the growth of its resident memory. Both exec the
 * kernel, so the process Java starts is the kernel itself. With the sandbox on, the innermost
 * wrapper is {@link SandboxLaunch}'s script, which confines the process and then runs the default
 * kernel in its own interpreter (one Python start) or execs a kernelspec's.
 * Key variables ({@link Secrets}) never reach the kernel's environment.
 */
record LaunchCommand(List<String> argv, Map<String, String> addedEnv, boolean ownProcessGroup, SandboxConfig sandbox,
                     Optional<SandboxLaunch> confined) {

    static final String NO_COLOR = "--InteractiveShell.colors=NoColor";
    /** Read by {@code codeact_support.setup}: the kernel's memory ceiling in bytes (growth above its idle footprint). */
    static final String MEMORY_LIMIT_VARIABLE = "CODEACT_MEMORY_LIMIT";
    /** Address space a kernel may reserve beyond its ceiling: interpreter, libraries, thread stacks and malloc arenas. */
    static final long ADDRESS_SPACE_HEADROOM = 6L << 30;

    /** The address-space backstop for a memory ceiling of {@code limit} bytes. */
    static long addressSpaceCap(long limit) {
        return Math.max(limit * 4, limit + ADDRESS_SPACE_HEADROOM);
    }

    static LaunchCommand of(EngineConfig config, Optional<KernelSpec> spec, Path connectionFile) {
        return of(config, spec, connectionFile, List.of());
    }

    /**
     * With the sandbox on, the kernel runs through {@link SandboxLaunch} (innermost, right before
     * the kernel's own words), allowed to listen on {@code ports}.
     */
    static LaunchCommand of(EngineConfig config, Optional<KernelSpec> spec, Path connectionFile, List<Integer> ports) {
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
            // the ceiling itself is codeact_support's MemoryGuard (resident growth); this cap on address space
            // only stops single allocations far past it, which the guard sees too late (it samples between calls)
            long space = addressSpaceCap(config.memoryLimitBytes());
            Optional<Path> prlimit = tool("prlimit");
            if (prlimit.isPresent()) {
                argv.addAll(List.of(prlimit.get().toString(), "--as=" + space, "--"));
            } else {
                argv.addAll(List.of("/bin/sh", "-c", "ulimit -v " + Math.max(1, space / 1024) + " && exec \"$@\"", "sh"));
            }
        }
        Optional<SandboxLaunch> confined = Optional.empty();
        if (config.sandbox().enabled() && SandboxStatus.probe().available()) {
            confined = Optional.of(SandboxLaunch.prepare(config.sandbox(), config.python(), config.workingDirectory(), ports,
                    connectionFile, kernel, spec.isEmpty()));
            argv.addAll(confined.get().prefix());
            kernel = new ArrayList<>(confined.get().kernel());
        }
        argv.addAll(kernel);
        Map<String, String> env = new java.util.LinkedHashMap<>(spec.map(KernelSpec::env).orElse(Map.of()));
        if (config.memoryLimitBytes() > 0) {
            env.put(MEMORY_LIMIT_VARIABLE, Long.toString(config.memoryLimitBytes()));
        }
        confined.ifPresent(launch -> env.putAll(launch.env()));
        return new LaunchCommand(argv, env, setsid.isPresent(), config.sandbox(), confined);
    }

    /** Applies this command's environment: the spec's variables, the parent pid, no inherited {@code MPLBACKEND}. */
    void applyTo(Map<String, String> environment) {
        // an inherited MPLBACKEND (e.g. Agg) would stop inline figures from arriving at all
        environment.remove("MPLBACKEND");
        // no keys in the interpreter, sandbox on or off
        Secrets.scrub(environment, sandbox);
        environment.putAll(addedEnv);
        if (confined.isPresent() && System.getProperty("codeact.sandbox.home") != null) {
            environment.put("HOME", SandboxLaunch.home().toString());
        }
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
