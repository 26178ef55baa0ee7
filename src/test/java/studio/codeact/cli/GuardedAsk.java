package studio.codeact.cli;

import studio.codeact.testing.OpenAiWireServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code codeact ask} as a user does: a separate JVM started through {@link Main#main}
 * (so under the {@link ProcessGuard}), its stdout and stderr captured apart, against a scripted
 * model server in this JVM. The app's log folder is {@code state/} inside {@code home}.
 */
record GuardedAsk(Path home, OpenAiWireServer server, String engine) {

    record Result(int exit, String out, String err) {
    }

    Path state() {
        return home.resolve("state").resolve("codeact-studio");
    }

    Result ask(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("ask", "--engine", engine, "--provider", "openai", "--base-url", server.baseUrl(),
                "--model", "scripted", "--settings", home.resolve("settings.json").toString(), "--action-mode", "tags",
                "--out", out.toString()));
        args.addAll(List.of(extra));
        return run(args, Map.of());
    }

    /** Starts {@code ask} in a process group of its own (setsid), as a terminal would, so Ctrl+C can be sent to the group. */
    Process startInOwnGroup(Path out, String... extra) throws IOException {
        List<String> command = new ArrayList<>(List.of("setsid", ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-Xss8m", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "ask", "--engine", engine, "--provider", "openai", "--base-url", server.baseUrl(),
                "--model", "scripted", "--settings", home.resolve("settings.json").toString(), "--action-mode", "tags",
                "--out", out.toString()));
        command.addAll(List.of(extra));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("XDG_STATE_HOME", home.resolve("state").toString());
        builder.environment().remove("CODEACT_GUARD");
        return builder.start();
    }

    /** What a terminal's Ctrl+C does: SIGINT to every process of the group. */
    static void controlC(Process leader) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-INT", "--", "-" + leader.pid()).inheritIO().start();
        kill.waitFor();
    }

    static Result finish(Process process) {
        try {
            process.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            if (!process.waitFor(240, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("codeact ask did not end within 240 s");
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    Result run(List<String> args, Map<String, String> env) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-Xss8m", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("XDG_STATE_HOME", home.resolve("state").toString());
        builder.environment().remove("CODEACT_GUARD");
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            if (!process.waitFor(240, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("codeact ask did not end within 240 s; stderr so far: " + err.getNow(""));
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String read(java.io.InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    static List<Path> crashLogs(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (var files = Files.walk(folder)) {
            return files.filter(f -> f.getFileName().toString().startsWith("hs_err")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
