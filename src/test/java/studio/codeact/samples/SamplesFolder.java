package studio.codeact.samples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The project's {@code samples/} folder, and running its Python scripts with Debian's Python. */
final class SamplesFolder {

    /** Only Debian's interpreter has numpy, pandas and openpyxl here (docs/architecture.md, "Testing": the tests use Debian's /usr/bin/python3); the generator is pinned to it. */
    static final Path PYTHON = Path.of("/usr/bin/python3");

    static final List<String> DATA_SETS = List.of(
            "retail_sales.csv", "customer_churn.csv", "sensor_timeseries.csv", "workforce.xlsx");

    private SamplesFolder() {
    }

    /** {@code samples/} of the project under test (surefire runs in the project folder). */
    static Path path() {
        Path folder = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize().resolve("samples");
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException("no samples folder at " + folder);
        }
        return folder;
    }

    static List<Path> demos() {
        try (Stream<Path> files = Files.list(path().resolve("demos"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".demo.json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Python file among this package's test resources, as a path. */
    static Path resource(String name) {
        try {
            return Path.of(SamplesFolder.class.getResource(name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource " + name, e);
        }
    }

    /** What a finished Python run left: exit code, stdout lines, stderr. */
    record Run(int exitCode, List<String> lines, String stderr) {
        String describe() {
            return "exit " + exitCode + "\nstdout:\n" + String.join("\n", lines) + "\nstderr:\n" + stderr;
        }
    }

    /** Runs {@code /usr/bin/python3 args...}; fails the caller if it does not finish within the timeout. */
    static Run python(long timeoutSeconds, Object... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(PYTHON.toString());
        for (Object arg : args) {
            command.add(arg.toString());
        }
        Path stdout = Files.createTempFile("codeact-py-out", ".txt");
        Path stderr = Files.createTempFile("codeact-py-err", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
            builder.environment().remove("MPLBACKEND");
            builder.environment().put("PYTHONHASHSEED", "0");
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
            }
            return new Run(process.exitValue(), Files.readAllLines(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }
}
