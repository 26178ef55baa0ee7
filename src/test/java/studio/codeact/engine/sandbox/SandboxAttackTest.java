package studio.codeact.engine.sandbox;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import studio.codeact.engine.EngineConfig;
import studio.codeact.engine.EngineKind;
import studio.codeact.engine.Engines;
import studio.codeact.engine.ExecutionResult;
import studio.codeact.engine.Output;
import studio.codeact.engine.PythonEngine;
import studio.codeact.engine.PythonLocator;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Real attacks on the sandbox at the engine level, in both engines: secrets in a hidden folder of
 * a temporary home and in the environment, writes outside the working folder, TCP and UDP to
 * listeners this test runs, listening, signalling the app, processes that try to outlive the
 * engine, deleting the session record.
 */
class SandboxAttackTest {

    static final String ENV_KEY = "sk-sentinel-env-7f3a9c21d4e8";
    static final String CUSTOM_KEY = "sk-sentinel-custom-5b6e0a4f";

    @TempDir
    Path temp;
    Path home;
    Path session;
    Path work;
    Path secret;
    PythonEngine engine;

    @BeforeEach
    void layOut() throws IOException {
        SandboxTesting.requireLandlock();
        home = Files.createDirectories(temp.resolve("home"));
        secret = Files.createDirectories(home.resolve(".ssh")).resolve("id_sentinel");
        Files.writeString(secret, "SENTINEL-PRIVATE-KEY");
        Files.createDirectories(home.resolve(".config/codeact-studio"));
        Files.writeString(home.resolve(".config/codeact-studio/settings.json"), "{\"apiKey\": \"sk-sentinel-settings-91c2\"}");
        Files.createDirectories(home.resolve("Documents"));
        session = Files.createDirectories(temp.resolve("session"));
        work = Files.createDirectories(session.resolve("work"));
        Files.writeString(session.resolve("session.json"), "{\"record\": true}");
        System.setProperty("codeact.sandbox.home", home.toString());
    }

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
        System.clearProperty("codeact.sandbox.home");
    }

    private PythonEngine start(EngineKind kind, SandboxConfig sandbox) {
        engine = Engines.create(kind, EngineConfig.of(PythonLocator.choose(null)).withWorkingDirectory(work).withSandbox(sandbox));
        engine.start();
        return engine;
    }

    private PythonEngine start(EngineKind kind) {
        return start(kind, SandboxConfig.defaults().withSecretVariable("CODEACT_SENTINEL_CUSTOM")
                .withSecretValues(java.util.List.of("sk-sentinel-settings-91c2")));
    }

    static String text(ExecutionResult result) {
        return result.outputs().stream().map(output -> switch (output) {
            case Output.Stream stream -> stream.text();
            case Output.Result value -> value.data().text();
            case Output.Display display -> display.data().text();
            case Output.Error error -> error.summary();
        }).collect(Collectors.joining());
    }

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"EMBEDDED", "KERNEL"}) // the sandbox confines local engines; remote code runs on the server
    void hiddenFilesOfTheHomeAndTheSettingsFileAreUnreadable(EngineKind kind) {
        start(kind);
        ExecutionResult result = engine.run("open(r'" + secret + "').read()");
        assertThat(result.error()).hasValueSatisfying(error -> assertThat(error.ename()).isEqualTo("PermissionError"));
        ExecutionResult settings = engine.run("open(r'" + home.resolve(".config/codeact-studio/settings.json") + "').read()");
        assertThat(settings.error()).hasValueSatisfying(error -> assertThat(error.ename()).isEqualTo("PermissionError"));
        assertThat(text(settings)).doesNotContain("sk-sentinel-settings");
    }

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"EMBEDDED", "KERNEL"}) // the sandbox confines local engines; remote code runs on the server
    void keysAreNotInTheEnvironmentAndAreRedactedWhereverTheyShowUp(EngineKind kind) {
        start(kind);
        ExecutionResult listed = engine.run("import os\nprint(sorted(k for k in os.environ if 'SENTINEL' in k))\n"
                + "print(open('/proc/self/environ', 'rb').read().decode(errors='replace'))");
        assertThat(listed.ok()).as(text(listed)).isTrue();
        assertThat(text(listed)).startsWith("[]").doesNotContain(ENV_KEY).doesNotContain(CUSTOM_KEY);
        // the second line: a key value that reaches an output anyway is redacted
        ExecutionResult leaked = engine.run("print('sk-sentinel-' + 'env-7f3a9c21d4e8'); 'sk-sentinel-settings-' + '91c2'");
        assertThat(text(leaked)).doesNotContain(ENV_KEY).doesNotContain("sk-sentinel-settings-91c2").contains("[redacted]");
    }

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"EMBEDDED", "KERNEL"}) // the sandbox confines local engines; remote code runs on the server
    void keysStayOutOfTheEnvironmentWithTheSandboxOff(EngineKind kind) {
        start(kind, SandboxConfig.off().withSecretVariable("CODEACT_SENTINEL_CUSTOM"));
        ExecutionResult listed = engine.run("import os\nsorted(k for k in os.environ if 'SENTINEL' in k)");
        assertThat(text(listed)).isEqualTo("[]");
        assertThat(engine.info().details().get("sandbox")).isEqualTo("off");
    }

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"EMBEDDED", "KERNEL"}) // the sandbox confines local engines; remote code runs on the server
    void codeWritesOnlyInTheWorkingFolderAndCannotTouchTheRecord(EngineKind kind) throws IOException {
        start(kind);
        Path outside = temp.resolve("outside.txt");
        ExecutionResult escaped = engine.run("open(r'" + outside + "', 'w').write('x')");
        assertThat(escaped.error()).hasValueSatisfying(error -> assertThat(error.ename()).isEqualTo("PermissionError"));
        ExecutionResult homeWrite = engine.run("open(r'" + home.resolve("Documents/planted.txt") + "', 'w').write('x')");
        assertThat(homeWrite.error()).isPresent();
        ExecutionResult deleting = engine.run("import shutil\nshutil.rmtree(r'" + session + "')");
        assertThat(deleting.error()).isPresent();
        ExecutionResult rewriting = engine.run("open(r'" + session.resolve("session.json") + "', 'w').write('{}')");
        assertThat(rewriting.error()).hasValueSatisfying(error -> assertThat(error.ename()).isEqualTo("PermissionError"));
        assertThat(session.resolve("session.json")).hasContent("{\"record\": true}");
        assertThat(outside).doesNotExist();
        assertThat(home.resolve("Documents/planted.txt")).doesNotExist();

        ExecutionResult inWork = engine.run("import tempfile, os\nopen('result.csv', 'w').write('a,b\\n1,2\\n')\n"
                + "with tempfile.NamedTemporaryFile(delete=False) as f: f.write(b'x')\nprint(os.path.dirname(f.name))");
        assertThat(inWork.ok()).as(text(inWork)).isTrue();
        assertThat(work.resolve("result.csv")).exists();
        assertThat(text(inWork).strip()).contains("codeact-sandbox-");
    }

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"EMBEDDED", "KERNEL"}) // the sandbox confines local engines; remote code runs on the server
    void aDataFileDroppedLaterInANonHiddenFolderIsReadable(EngineKind kind) throws IOException {
        start(kind);
        Path dropped = home.resolve("Documents/dropped.csv");
        Files.writeString(dropped, "x\n41\n");
        ExecutionResult read = engine.run("import pandas as pd\npd.read_csv(r'" + dropped + "').x[0] + 1");
        assertThat(text(read)).as(text(read)).isEqualTo("42");
    }

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"EMBEDDED", "KERNEL"}) // the sandbox confines local engines; remote code runs on the server
    void noTcpOrUdpLeavesAndNothingListens(EngineKind kind) throws IOException {
        start(kind);
        try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             DatagramSocket udp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            ExecutionResult connect = engine.run("import socket\nsocket.create_connection(('127.0.0.1', " + tcp.getLocalPort() + "), timeout=5)");
            assertThat(connect.error()).hasValueSatisfying(error -> assertThat(error.ename()).isEqualTo("PermissionError"));
            ExecutionResult send = engine.run("import socket\ns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
                    + "s.sendto(b'leak', ('127.0.0.1', " + udp.getLocalPort() + "))");
            assertThat(send.error()).hasValueSatisfying(error -> assertThat(error.ename()).isEqualTo("PermissionError"));
            ExecutionResult listen = engine.run("import socket\ns = socket.socket()\ns.bind(('127.0.0.1', 0))\ns.listen()");
            assertThat(listen.error()).hasValueSatisfying(error -> assertThat(error.ename()).isEqualTo("PermissionError"));

            tcp.setSoTimeout(300);
            assertThatThrownBy(tcp::accept).isInstanceOf(SocketTimeoutException.class);
            udp.setSoTimeout(300);
            assertThatThrownBy(() -> udp.receive(new DatagramPacket(new byte[16], 16))).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"EMBEDDED", "KERNEL"}) // the sandbox confines local engines; remote code runs on the server
    void theNetworkSwitchLetsCodeConnect(EngineKind kind) throws Exception {
        start(kind, SandboxConfig.defaults().withNetwork(true));
        try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ExecutionResult connect = engine.run("import socket\nc = socket.create_connection(('127.0.0.1', " + tcp.getLocalPort()
                    + "), timeout=5)\nc.sendall(b'hi'); c.close()");
            assertThat(connect.ok()).as(text(connect)).isTrue();
            try (var accepted = tcp.accept()) {
                assertThat(new String(accepted.getInputStream().readAllBytes())).isEqualTo("hi");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"EMBEDDED", "KERNEL"}) // the sandbox confines local engines; remote code runs on the server
    void codeCannotSignalTheApp(EngineKind kind) {
        start(kind);
        ExecutionResult signal = engine.run("import os\nos.kill(" + ProcessHandle.current().pid() + ", 0)");
        assertThat(signal.error()).as(text(signal)).hasValueSatisfying(error -> assertThat(error.ename()).isIn("PermissionError", "ExitNotAllowed"));
    }

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"EMBEDDED", "KERNEL"}) // the sandbox confines local engines; remote code runs on the server
    void doubleForkedAndNewSessionProcessesEndWithTheEngine(EngineKind kind) {
        start(kind);
        ExecutionResult started = engine.run("""
                import os, subprocess, time
                p = subprocess.Popen(['sleep', '300'], start_new_session=True)
                r, w = os.pipe()
                if os.fork() == 0:
                    if os.fork() == 0:
                        os.write(w, str(os.getpid()).encode()); os._exit(0) if False else os.execvp('sleep', ['sleep', '301'])
                    os._exit(0)
                os.wait()
                grandchild = int(os.read(r, 32))
                print(p.pid, grandchild)
                """);
        assertThat(started.ok()).as(text(started)).isTrue();
        long[] pids = java.util.Arrays.stream(started.stdout().trim().split(" ")).mapToLong(Long::parseLong).toArray();
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid)).as("pid %d runs", pid).isPresent();
        }
        engine.close();
        engine = null;
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("pid %d after close", pid).isEmpty();
        }
    }
}
