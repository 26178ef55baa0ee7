package studio.codeact.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;
import studio.codeact.engine.EngineKind;
import studio.codeact.engine.sandbox.SandboxStatus;
import studio.codeact.session.Exports;
import studio.codeact.session.SessionStatus;
import studio.codeact.session.SessionStore;
import studio.codeact.testing.LastingFolder;
import studio.codeact.testing.OpenAiWireServer;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sandbox through the agent: {@code codeact ask} with a scripted model (a real HTTP server
 * speaking the OpenAI wire format) whose code actions attack — secrets in a hidden folder of a
 * temporary home, key variables, TCP and UDP to this test's listeners, deleting the session, a
 * double-forked {@code sleep} — in both engines.
 */
class AskSandboxTest {

    static final String ENV_KEY = "sk-sentinel-env-7f3a9c21d4e8";

    Path dir = LastingFolder.create("codeact-sandbox-ask-");
    Path home;
    Path secret;
    OpenAiWireServer server;

    @BeforeEach
    void setUp() throws Exception {
        if (!SandboxStatus.probe().available()) {
            System.err.println("SKIPPING sandbox test: " + SandboxStatus.probe().reason().orElse("no Landlock"));
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(SandboxStatus.probe().available());
        home = Files.createDirectories(dir.resolve("home"));
        secret = Files.createDirectories(home.resolve(".aws")).resolve("credentials");
        Files.writeString(secret, "aws_secret_access_key = SENTINEL-AWS-SECRET");
        System.setProperty("codeact.sandbox.home", home.toString());
        server = new OpenAiWireServer();
    }

    @AfterEach
    void tearDown() {
        System.clearProperty("codeact.sandbox.home");
        if (server != null) {
            server.close();
        }
    }

    private int ask(EngineKind kind, Path session, StringWriter out, StringWriter err, String... extra) {
        List<String> args = new ArrayList<>(List.of("ask", "--engine", kind.id(), "--provider", "openai",
                "--base-url", server.baseUrl(), "--model", "scripted", "--action-mode", "tags",
                "--settings", dir.resolve("settings.json").toString(), "--out", session.toString()));
        args.addAll(List.of(extra));
        args.add("Try everything.");
        CommandLine line = Main.commandLine();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        return line.execute(args.toArray(String[]::new));
    }

    private static String action(String code) {
        return "Next.\n<execute>\n" + code + "\n</execute>";
    }

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"EMBEDDED", "KERNEL"}) // the sandbox confines local engines
    void attacksThroughTheAgentFailWithClearObservationsAndTheRecordSurvives(EngineKind kind) throws Exception {
        Files.writeString(dir.resolve("settings.json"), "{\"apiKey\": \"sk-sentinel-settings-3e8d1c\"}");
        Path session = dir.resolve("session-" + kind.id());
        try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             DatagramSocket udp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            server.thenText(action("print(open(r'" + secret + "').read())"))
                    .thenText(action("import os\nprint(sorted(k for k in os.environ if 'SENTINEL' in k))\nprint('sk-sentinel-' + 'env-7f3a9c21d4e8')"))
                    .thenText(action("import socket\nsocket.create_connection(('127.0.0.1', " + tcp.getLocalPort() + "), timeout=5)"))
                    .thenText(action("import socket\nsocket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b'x', ('127.0.0.1', "
                            + udp.getLocalPort() + "))"))
                    .thenText(action("import shutil\nshutil.rmtree(r'" + session + "')"))
                    .thenText(action("import subprocess, os\np = subprocess.Popen(['sleep', '300'], start_new_session=True)\n"
                            + "r, w = os.pipe()\nif os.fork() == 0:\n    if os.fork() == 0:\n        os.write(w, str(os.getpid()).encode())\n"
                            + "        os.execvp('sleep', ['sleep', '301'])\n    os._exit(0)\nos.wait()\nprint(p.pid, int(os.read(r, 32)))"))
                    .thenText("<solution>done</solution>");

            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit = ask(kind, session, out, err, "--api-key-env", "CODEACT_SENTINEL_CUSTOM");

            assertThat(exit).as(err.toString()).isZero();
            assertThat(observation(1)).contains("PermissionError").contains("[Sandbox: the sandbox allows writing only in")
                    .doesNotContain("SENTINEL-AWS-SECRET");
            assertThat(observation(2)).contains("[]").contains("[redacted]").doesNotContain(ENV_KEY);
            assertThat(observation(3)).contains("PermissionError").contains("network access is off for this session");
            assertThat(observation(4)).contains("PermissionError");
            assertThat(observation(5)).contains("PermissionError");
            String[] pids = observation(6).replaceAll("(?s).*?(\\d+) (\\d+).*", "$1 $2").split(" ");

            tcp.setSoTimeout(200);
            assertThatThrownBy(tcp::accept).isInstanceOf(SocketTimeoutException.class);
            udp.setSoTimeout(200);
            assertThatThrownBy(() -> udp.receive(new DatagramPacket(new byte[8], 8))).isInstanceOf(SocketTimeoutException.class);
            for (String pid : pids) {
                assertThat(ProcessHandle.of(Long.parseLong(pid)).filter(ProcessHandle::isAlive)).as("pid %s after ask", pid).isEmpty();
            }
            assertThat(SessionStore.read(session).status()).isEqualTo(SessionStatus.ANSWERED);
            assertThat(SessionStore.read(session).info().sandbox()).startsWith("on (Linux Landlock");
            assertThat(session.resolve(Exports.NOTEBOOK_FILE)).content().contains("\"sandbox\" : \"on (Linux Landlock");
            for (String file : List.of("session.json", Exports.NOTEBOOK_FILE, Exports.TRAJECTORY_FILE)) {
                assertThat(session.resolve(file)).content().doesNotContain(ENV_KEY).doesNotContain("sk-sentinel-settings-3e8d1c").doesNotContain("sk-sentinel-custom-5b6e0a4f")
                        .doesNotContain("SENTINEL-AWS-SECRET");
            }
            assertThat(server.requests().toString()).doesNotContain(ENV_KEY).doesNotContain("SENTINEL-AWS-SECRET");
        }
    }

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"EMBEDDED", "KERNEL"}) // the sandbox confines local engines
    void withTheSandboxOffTheSessionSaysSo(EngineKind kind) {
        server.thenText("<solution>ok</solution>");
        Path session = dir.resolve("off-" + kind.id());
        StringWriter err = new StringWriter();
        assertThat(ask(kind, session, new StringWriter(), err, "--sandbox", "off")).as(err.toString()).isZero();
        assertThat(err.toString()).contains("the sandbox is off");
        assertThat(SessionStore.read(session).info().sandbox()).isEqualTo("off");
        StringWriter bad = new StringWriter();
        assertThat(ask(kind, dir.resolve("bad-" + kind.id()), new StringWriter(), bad, "--sandbox", "maybe")).isEqualTo(Main.BAD_INPUT);
        assertThat(bad.toString()).contains("--sandbox takes on or off");
    }

    /** {@code x=$(codeact ask …)}: the answer arrives and stdout closes although the code left a process behind. */
    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"EMBEDDED", "KERNEL"}) // the sandbox confines local engines
    void askStdoutClosesAtExitDespiteADoubleForkedProcess(EngineKind kind) throws Exception {
        server.thenText(action("import os\nif os.fork() == 0:\n    if os.fork() == 0:\n        os.execvp('sleep', ['sleep', '300'])\n"
                + "    os._exit(0)\nos.wait()\nprint('started')")).thenText("<solution>answer</solution>");
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process ask = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "-Dcodeact.sandbox.home=" + home, "studio.codeact.cli.Main", "ask", "--engine", kind.id(), "--provider", "openai",
                "--base-url", server.baseUrl(), "--model", "scripted", "--action-mode", "tags",
                "--settings", dir.resolve("settings.json").toString(), "--out", dir.resolve("stdout-" + kind.id()).toString(), "Go.")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        // reading stdout to its end is the `$(…)`: it ends only when every holder of the pipe is gone
        String stdout = new String(ask.getInputStream().readAllBytes());
        assertThat(ask.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(stdout).isEqualTo("answer\n");
        assertThat(ask.exitValue()).isZero();
    }

    private String observation(int request) {
        return OpenAiWireServer.lastObservation(server.requests().get(request));
    }
}
