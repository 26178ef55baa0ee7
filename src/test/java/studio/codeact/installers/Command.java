package studio.codeact.installers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs an external command with its output (stdout and stderr together) in a temp file. */
final class Command {

    /** How a command ended: its exit code, or {@code RUNNING} if it was still going when we stopped waiting. */
    record Result(int exitCode, String output) {
        static final int RUNNING = Integer.MIN_VALUE;

        String describe() {
            return (exitCode == RUNNING ? "still running" : "exit " + exitCode) + ", output:\n" + output;
        }
    }

    private Command() {
    }

    /** Runs to completion; fails the caller's test if it takes longer than the timeout. */
    static Result run(Path directory, Map<String, String> environment, Duration timeout, List<String> command)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("codeact-cmd", ".log");
        try {
            Process process = start(directory, environment, command, log);
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                kill(process);
                throw new AssertionError(command + " did not finish within " + timeout + "; output:\n" + Files.readString(log));
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    static Result run(Duration timeout, String... command) throws IOException, InterruptedException {
        return run(Path.of("."), Map.of(), timeout, List.of(command));
    }

    /**
     * Starts a program that normally keeps running (a GUI) and watches it for {@code grace}: if it
     * exits in that time the result holds its exit code, else it is killed (with its children)
     * and the result says {@link Result#RUNNING}.
     */
    static Result watch(Path directory, Map<String, String> environment, Duration grace, List<String> command)
            throws IOException, InterruptedException {
        return watch(directory, environment, grace, null, command);
    }

    /** As above, but stops watching early, as still running, once the output contains {@code readyMarker}. */
    static Result watch(Path directory, Map<String, String> environment, Duration grace, String readyMarker,
                        List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("codeact-cmd", ".log");
        try {
            Process process = start(directory, environment, command, log);
            long deadline = System.nanoTime() + grace.toNanos();
            boolean exited = false;
            while (!exited && System.nanoTime() < deadline) {
                exited = process.waitFor(200, TimeUnit.MILLISECONDS);
                if (!exited && readyMarker != null && Files.readString(log, StandardCharsets.UTF_8).contains(readyMarker)) {
                    break;
                }
            }
            if (!exited) {
                kill(process);
            }
            return new Result(exited ? process.exitValue() : Result.RUNNING, Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static Process start(Path directory, Map<String, String> environment, List<String> command, Path log)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return builder.start();
    }

    private static void kill(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
