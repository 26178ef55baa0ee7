package studio.codeact.testing;

import studio.codeact.engine.PythonLocator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs Python unit tests (under {@code src/test/python}) with the interpreter the app uses, and
 * fails the Java test with Python's own report when any of them fails. The one runner behind every
 * "the Python side passes" test.
 */
public final class PythonTests {

    /** Long enough for the slowest Python suite on a loaded two-core machine; a hang still ends. */
    private static final long LIMIT_MINUTES = 5;

    private PythonTests() {
    }

    /** Discovers and runs {@code src/test/python/<pattern>} with {@code unittest}. */
    public static void discover(String pattern) {
        run("-m", "unittest", "discover", "-s", "src/test/python", "-p", pattern);
    }

    /** Runs the interpreter with {@code args} (a test script, or {@code -m unittest …}) and asserts it passed. */
    public static void run(String... args) {
        List<String> command = new ArrayList<>();
        command.add(PythonLocator.choose(null).toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        builder.environment().remove("MPLBACKEND"); // figures must come out the way the engines make them
        try {
            Process python = builder.start();
            python.getOutputStream().close();
            String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!python.waitFor(LIMIT_MINUTES, TimeUnit.MINUTES)) {
                python.destroyForcibly();
                throw new AssertionError("the Python tests did not finish within " + LIMIT_MINUTES + " min: " + command);
            }
            assertThat(python.exitValue()).as(output).isZero();
            assertThat(output).as(output).contains("OK");
        } catch (IOException e) {
            throw new AssertionError("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while the Python tests ran", e);
        }
    }
}
