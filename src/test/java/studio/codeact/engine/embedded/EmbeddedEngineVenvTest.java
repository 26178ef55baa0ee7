package studio.codeact.engine.embedded;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codeact.engine.EngineConfig;
import studio.codeact.engine.EngineException;
import studio.codeact.engine.PythonLocator;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A venv is embedded like the system Python: its own prefix and sys.path, the base's libpython. */
class EmbeddedEngineVenvTest {

    @TempDir
    static Path folder;
    private static Path venvPython;

    @BeforeAll
    static void makeVenv() throws Exception {
        Path venv = folder.resolve("venv");
        Process made = new ProcessBuilder(PythonLocator.choose(null).toString(), "-m", "venv", "--without-pip",
                "--system-site-packages", venv.toString()).inheritIO().start();
        assertThat(made.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(made.exitValue()).as("python -m venv").isZero();
        venvPython = venv.resolve("bin/python");
    }

    @Test
    void aVenvRunsEmbeddedInAProcessOfItsOwn() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(List.of(java.toString(), "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), Child.class.getName(), venvPython.toString()))
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        Path venv = venvPython.getParent().getParent();
        assertThat(output).contains("prefix=" + venv).contains("executable=" + venvPython).contains("site=" + venv.resolve("lib"));
    }

    @Test
    void anotherEnvironmentCannotJoinAProcessThatEmbedsOne() {
        try (EmbeddedEngine system = new EmbeddedEngine(EngineConfig.of(PythonLocator.choose(null)))) {
            system.start();
            EmbeddedEngine venv = new EmbeddedEngine(EngineConfig.of(venvPython));
            assertThatThrownBy(venv::start).isInstanceOf(EngineException.class)
                    .hasMessageContaining("already runs").hasMessageContaining("--engine kernel");
            venv.close();
        }
    }

    /** Runs in a fresh JVM: embeds the venv given as the first argument and prints what it sees. */
    public static final class Child {
        public static void main(String[] args) {
            try (EmbeddedEngine engine = new EmbeddedEngine(EngineConfig.of(Path.of(args[0])))) {
                engine.start();
                System.out.println(engine.run("import sys, site\nprint('prefix=' + sys.prefix)\nprint('executable=' + sys.executable)\n"
                        + "print('site=' + ' '.join(p for p in sys.path if 'site-packages' in p))\nimport pandas").stdout());
            }
            System.exit(0);
        }
    }
}
