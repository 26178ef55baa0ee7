package studio.codeact.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the system Python (the one with nbformat and pandas) on a file, for checks written in Python. */
public final class PythonCheck {

    public static final String PYTHON = "/usr/bin/python3";

    public record Result(int exitCode, String output) { }

    private PythonCheck() {
    }

    public static Result run(Path workingFolder, String... args) {
        List<String> command = new ArrayList<>();
        command.add(PYTHON);
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(workingFolder.toFile()).redirectErrorStream(true)
                    .start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("python did not finish: " + command);
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new AssertionError("could not run " + PYTHON, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Validates a notebook file with nbformat; returns nbformat's complaint, or "valid". */
    public static Result validateNotebook(Path notebook) {
        return run(notebook.getParent(), "-c",
                "import nbformat, sys\nnb = nbformat.read(sys.argv[1], as_version=4)\nnbformat.validate(nb)\nprint('valid', len(nb.cells))",
                notebook.toString());
    }
}
