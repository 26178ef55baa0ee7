package studio.codeact.engine.kernel;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codeact.engine.EngineException;
import studio.codeact.engine.ExecutionRequest;
import studio.codeact.engine.ExecutionResult;
import studio.codeact.engine.ExecutionStatus;
import studio.codeact.engine.PythonLocator;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static studio.codeact.engine.kernel.KernelTestSupport.config;
import static studio.codeact.engine.kernel.KernelTestSupport.run;
import static studio.codeact.engine.kernel.KernelTestSupport.value;

/** Kernelspec discovery on the Jupyter data path, and launching from a kernelspec. */
class KernelSpecsTest {

    @TempDir
    Path temp;

    @AfterAll
    static void noKernelIsLeft() {
        KernelTestSupport.assertNoKernelProcessLeft();
    }

    @Test
    void theSearchPathPutsJupyterPathFirstThenTheUserThenTheSystem() {
        Path home = Path.of("/home/ada");
        List<Path> dirs = KernelSpecs.kernelDirs(Map.of("JUPYTER_PATH", "/opt/a" + File.pathSeparator + "/opt/b"), home);
        assertThat(dirs).containsExactly(Path.of("/opt/a/kernels"), Path.of("/opt/b/kernels"),
                Path.of("/home/ada/.local/share/jupyter/kernels"), Path.of("/usr/local/share/jupyter/kernels"),
                Path.of("/usr/share/jupyter/kernels"));
        assertThat(KernelSpecs.kernelDirs(Map.of("XDG_DATA_HOME", "/xdg"), home)).startsWith(Path.of("/xdg/jupyter/kernels"));
        assertThat(KernelSpecs.kernelDirs(Map.of("JUPYTER_DATA_DIR", "/data"), home)).startsWith(Path.of("/data/kernels"));
    }

    @Test
    void kernelspecsAreFoundByNameAndTheEarlierFolderWins() throws IOException {
        Path first = temp.resolve("first");
        Path second = temp.resolve("second");
        writeSpec(first, "Analysis", "[\"python\", \"-m\", \"ipykernel_launcher\", \"-f\", \"{connection_file}\"]", "message", "{\"ANSWER\": \"42\"}");
        writeSpec(second, "analysis", "[\"other\"]", "signal", "{}");
        writeSpec(second, "second-only", "[\"r\", \"{connection_file}\"]", null, "{}");
        Files.createDirectories(second.resolve("kernels/broken"));
        Files.writeString(second.resolve("kernels/broken/kernel.json"), "{ not json");

        KernelSpecs specs = new KernelSpecs(KernelSpecs.kernelDirs(
                Map.of("JUPYTER_PATH", first + File.pathSeparator + second), temp.resolve("home")));

        assertThat(specs.all()).containsKeys("analysis", "second-only").doesNotContainKey("broken");
        KernelSpec analysis = specs.find("ANALYSIS").orElseThrow();
        assertThat(analysis.resourceDir()).isEqualTo(first.resolve("kernels/Analysis"));
        assertThat(analysis.interruptMode()).isEqualTo(KernelSpec.InterruptMode.MESSAGE);
        assertThat(analysis.env()).containsEntry("ANSWER", "42");
        assertThat(analysis.argv(Path.of("/run/k.json"))).containsExactly("python", "-m", "ipykernel_launcher", "-f", "/run/k.json");
        assertThat(specs.find("second-only").orElseThrow().interruptMode()).isEqualTo(KernelSpec.InterruptMode.SIGNAL);
        assertThat(specs.find("missing")).isEmpty();
    }

    @Test
    void anUnknownKernelspecIsAClearError() {
        KernelSpecs none = new KernelSpecs(List.of(temp.resolve("kernels")));
        assertThatThrownBy(() -> new KernelEngine(config().withKernelSpec("nowhere"), none))
                .isInstanceOf(EngineException.class).hasMessageContaining("no kernelspec named 'nowhere'");
    }

    @Test
    void aKernelspecWithMessageInterruptsLaunchesAndIsInterruptedOverControl() throws Exception {
        String python = PythonLocator.choose(null).toString();
        writeSpec(temp, "codeact-message-test", "[\"" + python + "\", \"-Xfrozen_modules=off\", \"-m\", \"ipykernel_launcher\", \"-f\", \"{connection_file}\"]",
                "message", "{\"CODEACT_SPEC_MARK\": \"from-the-spec\"}");
        KernelSpecs specs = new KernelSpecs(List.of(temp.resolve("kernels")));
        try (KernelEngine engine = new KernelEngine(config().withKernelSpec("codeact-message-test"), specs)) {
            engine.start();
            assertThat(engine.info().details()).containsEntry("interrupt_mode", "message");
            assertThat(engine.info().details().get("kernelspec")).startsWith("codeact-message-test");
            assertThat(value(run(engine, "import os; os.environ['CODEACT_SPEC_MARK']"))).isEqualTo("'from-the-spec'");
            assertThat(value(run(engine, "'MPLBACKEND' in os.environ and os.environ['MPLBACKEND'].startswith('module://')"))).isEqualTo("True");

            CountDownLatch started = new CountDownLatch(1);
            CompletableFuture<ExecutionResult> looping = engine.execute(ExecutionRequest.of("print('go', flush=True)\nwhile True:\n    pass"),
                    output -> started.countDown());
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            engine.interrupt();
            ExecutionResult result = looping.get(10, TimeUnit.SECONDS);
            assertThat(result.status()).isEqualTo(ExecutionStatus.ERROR);
            assertThat(result.error().orElseThrow().ename()).isEqualTo("KeyboardInterrupt");
        }
    }

    private static void writeSpec(Path root, String name, String argv, String interruptMode, String env) throws IOException {
        Path folder = Files.createDirectories(root.resolve("kernels").resolve(name));
        Files.writeString(folder.resolve("kernel.json"), """
                {"argv": %s, "display_name": "%s", "language": "python", %s "env": %s}
                """.formatted(argv, name, interruptMode == null ? "" : "\"interrupt_mode\": \"" + interruptMode + "\",", env));
    }
}
