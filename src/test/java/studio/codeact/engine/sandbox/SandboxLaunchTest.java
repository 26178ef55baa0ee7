package studio.codeact.engine.sandbox;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shape of a sandboxed kernel's command: the default kernel runs in the sandbox script's own
 * interpreter ({@code python -X… codeact_sandbox.py POLICY -- -m ipykernel_launcher …}); a
 * kernelspec's kernel, and the default one where code could have planted what that interpreter
 * loads before it is confined, is exec'ed by {@code python -S -E codeact_sandbox.py POLICY -- …}.
 */
class SandboxLaunchTest {

    static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path temp;
    Path work;
    Path connection;
    final List<SandboxLaunch> launches = new ArrayList<>();

    @BeforeEach
    void layOut() throws IOException {
        work = Files.createDirectories(temp.resolve("session/work"));
        connection = Files.writeString(temp.resolve("kernel-1.json"), "{}");
        System.setProperty("codeact.sandbox.home", Files.createDirectories(temp.resolve("home")).toString());
    }

    @AfterEach
    void cleanUp() {
        launches.forEach(launch -> launch.folders().delete());
        System.clearProperty("codeact.sandbox.home");
    }

    private List<String> defaultKernel(Path python) {
        return List.of(python.toString(), "-Xfrozen_modules=off", "-m", "ipykernel_launcher", "-f", connection.toString(),
                "--InteractiveShell.colors=NoColor");
    }

    private SandboxLaunch prepare(Path python, List<String> kernel, boolean defaultKernel) {
        SandboxLaunch launch = SandboxLaunch.prepare(SandboxConfig.defaults(), python, work, List.of(40001, 40002), connection,
                kernel, defaultKernel);
        launches.add(launch);
        return launch;
    }

    @Test
    void theDefaultKernelRunsInTheScriptsInterpreterWithTheKernelsFlags() {
        SandboxLaunch launch = prepare(PYTHON, defaultKernel(PYTHON), true);
        Path script = launch.folders().root().resolve("codeact_sandbox.py");
        Path policy = launch.folders().root().resolve("policy.json");
        Path copy = launch.folders().root().resolve("runtime").resolve(connection.getFileName());

        assertThat(launch.prefix()).containsExactly(PYTHON.toString(), "-Xfrozen_modules=off", script.toString(), policy.toString(), "--");
        assertThat(launch.kernel()).containsExactly("-m", "ipykernel_launcher", "-f", copy.toString(), "--InteractiveShell.colors=NoColor");
        assertThat(script).exists();
        assertThat(policy).exists();
        assertThat(copy).hasContent("{}");
    }

    @Test
    void aKernelspecIsExecedByAScriptWithoutSiteOrEnvironment() {
        List<String> spec = defaultKernel(PYTHON); // even a kernelspec that reads like the default one
        SandboxLaunch launch = prepare(PYTHON, spec, false);
        Path copy = launch.folders().root().resolve("runtime").resolve(connection.getFileName());

        assertThat(launch.prefix()).containsExactly(PYTHON.toString(), "-S", "-E",
                launch.folders().root().resolve("codeact_sandbox.py").toString(), launch.folders().root().resolve("policy.json").toString(), "--");
        assertThat(launch.kernel()).containsExactly(PYTHON.toString(), "-Xfrozen_modules=off", "-m", "ipykernel_launcher", "-f",
                copy.toString(), "--InteractiveShell.colors=NoColor");
    }

    @Test
    void onlyAnIpykernelCommandOfTheEnginesOwnInterpreterWithXOptionsRunsAsAModule() {
        assertThat(SandboxLaunch.runsModuleOf(PYTHON, List.of("/usr/bin/python3", "-m", "ipykernel_launcher", "-f", "c.json"))).isTrue();
        assertThat(SandboxLaunch.runsModuleOf(PYTHON, List.of("/usr/bin/python3", "-Xfrozen_modules=off", "-X", "dev", "-m", "k"))).isFalse();
        assertThat(SandboxLaunch.runsModuleOf(PYTHON, List.of("/usr/bin/python3", "-Xfrozen_modules=off", "-Xdev", "-m", "k"))).isTrue();
        assertThat(SandboxLaunch.runsModuleOf(PYTHON, List.of("/opt/env/bin/python", "-m", "ipykernel_launcher"))).isFalse();
        assertThat(SandboxLaunch.runsModuleOf(PYTHON, List.of("/usr/bin/python3", "-I", "-m", "ipykernel_launcher"))).isFalse();
        assertThat(SandboxLaunch.runsModuleOf(PYTHON, List.of("/usr/bin/python3", "-m"))).isFalse();
        assertThat(SandboxLaunch.runsModuleOf(PYTHON, List.of("/usr/bin/python3", "script.py", "-m", "x"))).isFalse();
        assertThat(SandboxLaunch.runsModuleOf(PYTHON, List.of("/usr/bin/R", "--slave"))).isFalse();
    }

    @Test
    void whatCodeCouldHaveWrittenBeforeTheScriptRunsSendsTheDefaultKernelThroughExec() throws IOException {
        SandboxFolders folders = SandboxFolders.create();
        SandboxPolicy policy = SandboxPolicy.of(SandboxConfig.defaults(), SandboxLaunch.home(), work, folders);
        folders.delete();
        Path home = SandboxLaunch.home();
        assertThat(SandboxLaunch.runsInScript(policy, PYTHON, home, Map.of())).isTrue();
        assertThat(SandboxLaunch.runsInScript(policy, PYTHON, home, Map.of("PYTHONPATH", "/opt/lib/python:/srv/shared"))).isTrue();
        assertThat(SandboxLaunch.runsInScript(policy, PYTHON, home, Map.of("PYTHONPATH", ""))).isTrue();

        assertThat(SandboxLaunch.runsInScript(policy, PYTHON, home, Map.of("PYTHONPATH", "/opt/lib/python:" + work.resolve("lib"))))
                .as("a PYTHONPATH entry in the working folder").isFalse();
        assertThat(SandboxLaunch.runsInScript(policy, PYTHON, home, Map.of("PYTHONPATH", "lib"))).as("a relative entry").isFalse();
        assertThat(SandboxLaunch.runsInScript(policy, PYTHON, home, Map.of("PYTHONPATH", "/opt/lib::/srv"))).as("an empty entry").isFalse();
        assertThat(SandboxLaunch.runsInScript(policy, PYTHON, home, Map.of("PYTHONUSERBASE", "/dev/shm/base"))).isFalse();
        assertThat(SandboxLaunch.runsInScript(policy, PYTHON, work, Map.of())).as("a home in the working folder").isFalse();

        Path venv = Files.createDirectories(work.resolve(".venv/bin"));
        Path python = Files.createSymbolicLink(venv.resolve("python"), PYTHON);
        assertThat(SandboxLaunch.runsInScript(policy, python, home, Map.of())).as("a virtual environment in the working folder").isFalse();
        SandboxLaunch launch = prepare(python, defaultKernel(python), true);
        assertThat(launch.prefix()).contains("-S", "-E");
    }

    @Test
    void aNewSandboxGetsACopyOfTheUsersMatplotlibFontListAndNothingElse() throws IOException {
        Path userCache = Files.createDirectories(temp.resolve("home/.cache/matplotlib"));
        Files.writeString(userCache.resolve("fontlist-v330.json"), "{\"_version\": 330}");
        Files.writeString(userCache.resolve("tex.cache"), "private");
        Assumptions.assumeTrue(System.getenv("MPLCONFIGDIR") == null && System.getenv("XDG_CACHE_HOME") == null,
                "the user's matplotlib cache is where MPLCONFIGDIR or XDG_CACHE_HOME says");
        SandboxFolders folders = SandboxFolders.create();
        try {
            assertThat(SandboxFolders.userMatplotlibCache()).isEqualTo(userCache);
            assertThat(folders.cache().resolve("matplotlib/fontlist-v330.json")).hasContent("{\"_version\": 330}");
            assertThat(folders.cache().resolve("matplotlib/tex.cache")).doesNotExist();
            assertThat(userCache.resolve("fontlist-v330.json")).exists();
            SandboxFolders.seedFontList(temp.resolve("nowhere"), folders.cache().resolve("other"));
            assertThat(folders.cache().resolve("other")).doesNotExist();
        } finally {
            folders.delete();
        }
    }
}
