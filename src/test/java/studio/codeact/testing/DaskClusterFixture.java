package studio.codeact.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Dask cluster on loopback: one {@code dask scheduler} and two {@code dask worker}
 * processes (Debian's {@code python3-distributed}), started by the test and stopped by
 * {@link #close()}, which also checks that none of them outlives it. The scheduler picks a free
 * port and writes its address to a scheduler file; the fixture waits until both workers are
 * registered.
 */
public final class DaskClusterFixture implements AutoCloseable {

    private final Path home;
    private final List<Process> processes = new ArrayList<>();
    private String address = "";

    private DaskClusterFixture(Path home) {
        this.home = home;
    }

    /** Starts the scheduler and two single-threaded workers, and waits until both have joined (up to 90 s). */
    public static DaskClusterFixture start() {
        try {
            DaskClusterFixture cluster = new DaskClusterFixture(Files.createTempDirectory("codeact-dask-"));
            try {
                cluster.launch();
                return cluster;
            } catch (RuntimeException | IOException e) {
                cluster.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void launch() throws IOException {
        Path schedulerFile = home.resolve("scheduler.json");
        spawn("scheduler", command("scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard", "--no-show",
                "--scheduler-file", schedulerFile.toString()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!Files.exists(schedulerFile) || Files.size(schedulerFile) == 0) {
            waitOrFail(deadline, "the Dask scheduler did not write its address");
        }
        PythonCheck.Result read = PythonCheck.run(home, "-c", "import json; print(json.load(open('scheduler.json'))['address'])");
        if (read.exitCode() != 0) {
            throw new IllegalStateException("unreadable scheduler file: " + read.output());
        }
        address = read.output().strip();
        for (String name : List.of("worker-1", "worker-2")) {
            spawn(name, command("worker", address, "--name", name, "--nthreads", "1", "--no-nanny", "--no-dashboard",
                    "--memory-limit", "1GB", "--local-directory", home.resolve(name).toString()));
        }
        PythonCheck.Result ready = PythonCheck.run(home, "-c", "from distributed import Client\n"
                + "with Client('" + address + "', timeout='60s') as c:\n    c.wait_for_workers(2, timeout=90)\n    print(len(c.scheduler_info()['workers']))");
        if (ready.exitCode() != 0 || !ready.output().strip().endsWith("2")) {
            throw new IllegalStateException("the Dask workers did not join: " + ready.output() + "\n" + logs());
        }
    }

    /** {@code dask scheduler} or, on older installs, {@code dask-scheduler}. */
    private static List<String> command(String role, String... args) {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/dask"))) {
            command.addAll(List.of("/usr/bin/dask", role));
        } else {
            command.add("/usr/bin/dask-" + role);
        }
        command.addAll(List.of(args));
        return command;
    }

    private void spawn(String name, List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(home.resolve(name + ".log").toFile());
        builder.environment().put("DASK_DISTRIBUTED__WORKER__DAEMON", "False");
        processes.add(builder.start());
    }

    private void waitOrFail(long deadline, String what) {
        if (System.nanoTime() > deadline || processes.stream().anyMatch(p -> !p.isAlive())) {
            throw new IllegalStateException(what + ":\n" + logs());
        }
        try {
            processes.get(0).waitFor(100, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The scheduler's address, {@code tcp://127.0.0.1:PORT}. */
    public String address() {
        return address;
    }

    /** What the processes printed. */
    public String logs() {
        StringBuilder text = new StringBuilder();
        try (var files = Files.list(home)) {
            for (Path log : files.filter(p -> p.toString().endsWith(".log")).toList()) {
                text.append("== ").append(log.getFileName()).append('\n').append(Files.readString(log));
            }
        } catch (IOException e) {
            text.append(e.getMessage());
        }
        return text.toString();
    }

    private static boolean awaitExit(ProcessHandle handle, int seconds) {
        try {
            handle.onExit().get(seconds, TimeUnit.SECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return false;
        }
    }

    /** Stops the workers, then the scheduler, and checks that no process is left. */
    @Override
    public void close() {
        List<ProcessHandle> all = new ArrayList<>();
        for (Process process : processes.reversed()) {
            process.descendants().forEach(all::add);
            all.add(process.toHandle());
        }
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : all) {
            if (!awaitExit(handle, 5)) {
                handle.destroyForcibly();
                awaitExit(handle, 10);
            }
        }
        if (all.stream().anyMatch(ProcessHandle::isAlive)) {
            throw new IllegalStateException("a Dask process outlived the test cluster");
        }
    }
}
