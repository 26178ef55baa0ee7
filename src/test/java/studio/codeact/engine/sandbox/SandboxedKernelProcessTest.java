package studio.codeact.engine.sandbox;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codeact.engine.EngineConfig;
import studio.codeact.engine.EngineKind;
import studio.codeact.engine.Engines;
import studio.codeact.engine.ExecutionRequest;
import studio.codeact.engine.ExecutionResult;
import studio.codeact.engine.PythonEngine;
import studio.codeact.engine.PythonLocator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandboxed default kernel is one process: the one Java started, running the sandbox script
 * and ipykernel in one interpreter, confined before the kernel's code ran, with the
 * {@code sys.path}, {@code sys.argv} and {@code __main__} that {@code python -m ipykernel_launcher}
 * gives, and interruptible by SIGINT.
 */
class SandboxedKernelProcessTest {

    @TempDir
    Path temp;
    Path work;
    PythonEngine engine;

    @BeforeEach
    void startKernel() throws IOException {
        SandboxTesting.requireLandlock();
        System.setProperty("codeact.sandbox.home", Files.createDirectories(temp.resolve("home")).toString());
        work = Files.createDirectories(temp.resolve("session/work"));
        engine = Engines.create(EngineKind.KERNEL, EngineConfig.of(PythonLocator.choose(null)).withWorkingDirectory(work)
                .withSandbox(SandboxConfig.defaults()));
        engine.start();
    }

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
        System.clearProperty("codeact.sandbox.home");
    }

    private ExecutionResult run(String code) {
        try {
            return engine.execute(ExecutionRequest.of(code), studio.codeact.engine.OutputListener.NONE).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the kernel did not answer: " + e, e);
        }
    }

    @Test
    void theKernelIsTheProcessJavaStartedRunningScriptAndKernelInOneInterpreter() {
        long pid = Long.parseLong(engine.info().details().get("pid"));
        ExecutionResult result = run("import os\nprint(os.getpid())\nprint(repr(open('/proc/self/cmdline').read()))");
        assertThat(result.ok()).as(SandboxAttackTest.text(result)).isTrue();
        List<String> lines = result.stdout().lines().toList();
        assertThat(Long.parseLong(lines.get(0))).isEqualTo(pid);
        assertThat(ProcessHandle.of(pid).flatMap(ProcessHandle::parent).map(ProcessHandle::pid)).contains(ProcessHandle.current().pid());
        List<String> cmdline = List.of(lines.get(1).substring(1, lines.get(1).length() - 1).split("\\\\x00"));
        assertThat(cmdline.get(0)).endsWith("python3");
        assertThat(cmdline).contains("-Xfrozen_modules=off", "--", "-m", "ipykernel_launcher").doesNotContain("-S", "-E");
        assertThat(cmdline.get(2)).endsWith("codeact_sandbox.py");
        assertThat(cmdline.stream().filter(word -> word.contains("python")).count()).as("one interpreter in %s", cmdline).isEqualTo(1);
        assertThat(engine.info().details().get("command")).contains("codeact_sandbox.py").contains("-m ipykernel_launcher");
    }

    @Test
    void itIsConfinedWhereTheKernelsCodeRuns() {
        Path outside = temp.resolve("outside.txt");
        ExecutionResult escaped = run("open(r'" + outside + "', 'w').write('x')");
        assertThat(escaped.error()).hasValueSatisfying(error -> assertThat(error.ename()).isEqualTo("PermissionError"));
        assertThat(outside).doesNotExist();
        ExecutionResult threadWrite = run("import threading\nerrors = []\ndef attempt():\n    try:\n        open(r'" + outside
                + "', 'w').write('x')\n    except OSError as e:\n        errors.append(type(e).__name__)\n"
                + "t = threading.Thread(target=attempt)\nt.start(); t.join()\nprint(errors)");
        assertThat(threadWrite.stdout()).contains("PermissionError");
        assertThat(outside).doesNotExist();
        ExecutionResult inWork = run("open('inside.txt', 'w').write('x')");
        assertThat(inWork.ok()).as(SandboxAttackTest.text(inWork)).isTrue();
        assertThat(work.resolve("inside.txt")).exists();
    }

    /** What the interpreter looks like to the kernel's code, as JSON. */
    static final String PROBE = """
            import sys, os, json
            main = sys.modules['__main__']
            print(json.dumps({'argv': [sys.argv[0], sys.argv[1], sys.argv[3:]], 'path': sys.path, 'executable': sys.executable, 'flags': repr(sys.flags),
                              'xoptions': sys._xoptions, 'main': [type(main).__name__, main.__name__, sorted(vars(main))],
                              'cwd': os.getcwd(), 'launcher': sys.modules.get('ipykernel_launcher') is None}))
            import numpy, pandas, ipykernel
            """;

    @Test
    void pathArgvAndMainAreThoseOfTheSameKernelStartedWithoutTheSandbox() {
        ExecutionResult confined = run(PROBE);
        assertThat(confined.ok()).as(SandboxAttackTest.text(confined)).isTrue();
        assertThat(confined.stdout()).as("the script's folder is not on sys.path").doesNotContain("codeact-sandbox-")
                .contains("ipykernel_launcher.py");
        engine.close();
        engine = Engines.create(EngineKind.KERNEL, EngineConfig.of(PythonLocator.choose(null)).withWorkingDirectory(work)
                .withSandbox(SandboxConfig.off()));
        engine.start();
        ExecutionResult plain = run(PROBE);
        assertThat(plain.ok()).as(SandboxAttackTest.text(plain)).isTrue();
        assertThat(confined.stdout()).isEqualTo(plain.stdout());
    }

    @Test
    void anInterruptStopsARunningCell() throws Exception {
        CountDownLatch looping = new CountDownLatch(1);
        CompletableFuture<ExecutionResult> running = engine.execute(
                ExecutionRequest.of("print('looping', flush=True)\nwhile True:\n    pass"), output -> looping.countDown());
        assertThat(looping.await(60, TimeUnit.SECONDS)).isTrue();
        engine.interrupt();
        ExecutionResult interrupted = running.get(60, TimeUnit.SECONDS);
        assertThat(interrupted.error()).hasValueSatisfying(error -> assertThat(error.ename()).isEqualTo("KeyboardInterrupt"));
        assertThat(run("1 + 1").ok()).isTrue();
    }
}
