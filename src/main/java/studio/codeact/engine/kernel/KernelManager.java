package studio.codeact.engine.kernel;

import studio.codeact.engine.EngineConfig;
import studio.codeact.engine.EngineException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One kernel process ({@code jupyter_client/manager.py}): writes its connection file, launches
 * it (see {@link LaunchCommand}), signals and stops it, and cleans up after it. Thread-safe.
 * The kernel's own stdout and stderr go to a log file (see {@link KernelFiles}).
 */
public final class KernelManager {

    private static final System.Logger LOG = System.getLogger(KernelManager.class.getName());

    private final EngineConfig config;
    private final Optional<KernelSpec> spec;
    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final Path connectionFile;
    private final Path logFile;
    private volatile Process process;
    private volatile LaunchCommand command;

    public KernelManager(EngineConfig config, Optional<KernelSpec> spec) {
        this.config = config;
        this.spec = spec;
        this.connectionFile = KernelFiles.connectionFile(id);
        this.logFile = KernelFiles.logDir().resolve("kernel-" + id + ".log");
    }

    /** Writes the connection file and starts the process (does not wait for it to be ready). */
    public void start(ConnectionInfo info) {
        if (spec.isEmpty() && !Files.isExecutable(config.python())) {
            throw new EngineException("there is no Python interpreter at " + config.python()
                    + "; point CODEACT_PYTHON at one that has ipykernel (Debian/Ubuntu: sudo apt-get install python3-ipykernel)");
        }
        info.writeTo(connectionFile);
        command = LaunchCommand.of(config, spec, connectionFile);
        ProcessBuilder builder = new ProcessBuilder(command.argv())
                .directory(config.workingDirectory().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        command.applyTo(builder.environment());
        KernelProcesses.register(this);
        try {
            process = builder.start();
        } catch (IOException e) {
            cleanUp();
            throw new EngineException("could not start the kernel (" + String.join(" ", command.argv()) + "): " + e.getMessage(), e);
        }
        KernelFiles.pruneLogs(logFile.getParent()); // after the spawn: off the kernel's critical path
    }

    public long pid() {
        return process == null ? -1 : process.pid();
    }

    public Path connectionFile() {
        return connectionFile;
    }

    public Path logFile() {
        return logFile;
    }

    public List<String> command() {
        return command == null ? List.of() : command.argv();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Completes (on a JDK process-reaper thread) when the process has exited. */
    public CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /** Sends SIGINT, to the kernel's whole process group when it has its own. */
    public void interrupt() {
        Process running = process;
        if (running == null || !running.isAlive()) {
            return;
        }
        String target = command.ownProcessGroup() ? "-" + running.pid() : Long.toString(running.pid());
        try {
            Process kill = new ProcessBuilder("kill", "-s", "INT", "--", target)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not send SIGINT to the kernel: {0}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits up to {@code limit} for the process to exit by itself. */
    public boolean waitFor(Duration limit) {
        try {
            return process == null || process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /** Kills the process and everything it started (SIGKILL), then waits briefly for it to be gone. */
    public void kill() {
        killNow();
        waitFor(Duration.ofSeconds(2));
    }

    /** Kills the process tree without waiting (used by the JVM shutdown hook too), and removes the connection file. */
    void killNow() {
        Process running = process;
        if (running != null) {
            List<ProcessHandle> tree = new ArrayList<>(running.toHandle().descendants().toList());
            running.destroyForcibly();
            tree.forEach(ProcessHandle::destroyForcibly);
        }
        deleteConnectionFile();
    }

    /** Kills whatever is left and removes the connection file; the manager is done. Idempotent. */
    public void cleanUp() {
        killNow();
        KernelProcesses.unregister(this);
    }

    /** How the process ended, as a phrase: "exited with code 1", "was killed by signal 9 (SIGKILL)". */
    public String describeExit() {
        Process ended = process;
        if (ended == null || ended.isAlive()) {
            return "is still running";
        }
        int code = ended.exitValue();
        if (code > 128 && code < 160) {
            int signal = code - 128;
            String name = switch (signal) {
                case 2 -> "SIGINT";
                case 6 -> "SIGABRT";
                case 9 -> "SIGKILL, e.g. from the out-of-memory killer";
                case 11 -> "SIGSEGV, a crash in native code";
                case 15 -> "SIGTERM";
                default -> "signal " + signal;
            };
            return "was killed by signal " + signal + " (" + name + ")";
        }
        return "exited with code " + code;
    }

    /** The last lines of the kernel's log, for error messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private void deleteConnectionFile() {
        try {
            Files.deleteIfExists(connectionFile);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not remove " + connectionFile, e);
        }
    }
}
