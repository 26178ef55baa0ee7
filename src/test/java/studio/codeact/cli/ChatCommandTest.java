package studio.codeact.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import studio.codeact.session.CellStatus;
import studio.codeact.session.Entry;
import studio.codeact.session.Session;
import studio.codeact.session.SessionStatus;
import studio.codeact.session.SessionStore;
import studio.codeact.testing.LastingFolder;
import studio.codeact.testing.OpenAiWireServer;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code codeact chat} for real: questions piped in (in-process), and a separate JVM driven
 * through its stdin and sent real SIGINTs (Ctrl+C), against a scripted model speaking the OpenAI
 * wire format on loopback.
 */
class ChatCommandTest {

    Path dir = LastingFolder.create("codeact-chat-test-");
    OpenAiWireServer server;
    Path sales;

    @BeforeEach
    void start() throws Exception {
        server = new OpenAiWireServer();
        sales = Files.writeString(dir.resolve("sales.csv"), "region,price\nnorth,10.0\nsouth,20.0\nnorth,30.0\n");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private List<String> flags() {
        return List.of("--provider", "openai", "--base-url", server.baseUrl(), "--model", "scripted",
                "--settings", dir.resolve("settings.json").toString(), "--action-mode", "tags");
    }

    record Run(int exit, String out, String err) { }

    private Run chat(String typed, String... args) {
        List<String> all = new ArrayList<>(List.of("chat"));
        all.addAll(List.of(args));
        all.addAll(flags());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = Main.commandLine();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        ((ChatCommand) line.getSubcommands().get("chat").getCommand()).input = new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8));
        int exit = line.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void eachLineIsAQuestionInOneSessionAndEndOfInputSaysWhereItWasSaved() throws Exception {
        server.thenText("Looking.\n<execute>\nmeans = sales.groupby('region')['price'].mean()\nprint(means)\n</execute>")
                .thenText("Both average <solution>20.0</solution>")
                .thenText("<execute>\nprint(means.max())\n</execute>")
                .thenText("The highest is <solution>20.0</solution>");
        Path session = dir.resolve("chat-session");

        Run run = chat("Mean price by region?\n\nAnd the highest mean?\n", "--data", sales.toString(), "--out", session.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("Looking.").contains("north    20.0").contains("Both average").contains("The highest is")
                .contains(ChatCommand.PROMPT);
        assertThat(run.err()).endsWith("codeact: session saved in " + session.toAbsolutePath() + "\n");
        assertThat(OpenAiWireServer.lastObservation(server.requests().get(3))).startsWith("Observation:\n20.0");
        assertThat(server.requests().get(2).path("messages").toString()).contains("Mean price by region?").contains("Both average");
        Session record = SessionStore.read(session);
        assertThat(record.entries()).filteredOn(Entry.Question.class::isInstance).extracting(e -> ((Entry.Question) e).text())
                .containsExactly("Mean price by region?", "And the highest mean?");
        assertThat(record.status()).isEqualTo(SessionStatus.ANSWERED);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(session))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(session.resolve(SessionStore.SESSION_FILE))))
                .isEqualTo("rw-------");
    }

    @Test
    void aChatWithoutQuestionsLeavesNoSessionFolder() throws Exception {
        Path sessions = dir.resolve("sessions-none");

        Run run = chat("", "--sessions-dir", sessions.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.err()).contains("nothing to save");
        assertThat(sessions).doesNotExist();
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void ctrlCInterruptsTheRunningCellAndASecondCtrlCEndsTheTurnThenCtrlDSaves() throws Exception {
        server.thenText("<execute>\nimport time\nopen('started', 'w').close()\nwhile True:\n    time.sleep(0.05)\n</execute>")
                .thenText("It was interrupted, so <solution>no result</solution>")
                .thenText("<execute>\nimport time\nopen('started-again', 'w').close()\ntry:\n    while True:\n        time.sleep(0.05)\n"
                        + "except KeyboardInterrupt:\n    open('caught', 'w').close()\n    while True:\n        time.sleep(0.05)\n</execute>")
                .thenText("<execute>\nprint('should not be asked for')\n</execute>");
        Path session = dir.resolve("interrupted-session");
        Path work = session.resolve("work");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "chat",
                "--out", session.toString(), "--cell-timeout", "600"));
        command.addAll(flags());
        Process chat = new ProcessBuilder(command).redirectErrorStream(true).start();
        Output output = new Output(chat.getInputStream());
        try (OutputStream stdin = chat.getOutputStream()) {
            output.waitFor(ChatCommand.PROMPT, 1);
            stdin.write("Loop forever\n".getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            waitForFile(work.resolve("started"), output);
            signal(chat);
            output.waitFor("interrupting the running cell", 1);
            output.waitFor("no result", 1);
            output.waitFor(ChatCommand.PROMPT, 2);

            stdin.write("Loop again\n".getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            waitForFile(work.resolve("started-again"), output);
            signal(chat);
            waitForFile(work.resolve("caught"), output);
            signal(chat);
            output.waitFor("ending the turn", 1);
            output.waitFor(ChatCommand.PROMPT, 3);
        }
        assertThat(chat.waitFor(60, TimeUnit.SECONDS)).as(output.text()).isTrue();
        assertThat(chat.exitValue()).as(output.text()).isZero();
        assertThat(output.text()).contains("KeyboardInterrupt").contains("codeact: session saved in " + session.toAbsolutePath());

        Session record = SessionStore.read(session);
        assertThat(record.cells()).extracting(c -> c.status()).containsExactly(CellStatus.ERROR, CellStatus.ERROR);
        assertThat(record.entries()).filteredOn(Entry.Answer.class::isInstance).hasSize(1);
        assertThat(record.status()).isEqualTo(SessionStatus.CANCELLED);
        assertThat(server.remainingReplies()).isEqualTo(1);
    }

    /** Waits for a file the model's code creates once it is running (the cell's working folder is the session's work/). */
    private static void waitForFile(Path file, Output output) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the code never created " + file + "; output:\n" + output.text());
            }
            output.awaitMore(50);
        }
    }

    private static void signal(Process process) throws Exception {
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start();
        assertThat(kill.waitFor()).isZero();
    }

    /** The child's output as it comes, read on a thread of its own. */
    static final class Output {
        private final StringBuilder text = new StringBuilder();

        Output(InputStream stream) {
            Thread.ofPlatform().daemon().start(() -> {
                byte[] buffer = new byte[4096];
                try {
                    for (int n; (n = stream.read(buffer)) > 0; ) {
                        synchronized (text) {
                            text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                            text.notifyAll();
                        }
                    }
                } catch (java.io.IOException ignored) {
                    // the process ended
                }
            });
        }

        String text() {
            synchronized (text) {
                return text.toString();
            }
        }

        /** Waits up to {@code millis} for more output (or returns at once if the process is gone). */
        void awaitMore(long millis) throws InterruptedException {
            synchronized (text) {
                text.wait(millis);
            }
        }

        /** Waits until {@code needle} has appeared {@code times} times. */
        void waitFor(String needle, int times) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            synchronized (text) {
                while (count(text.toString(), needle) < times) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new AssertionError("no " + times + "× '" + needle + "' in:\n" + text);
                    }
                    text.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
                }
            }
        }

        private static int count(String haystack, String needle) {
            int n = 0;
            for (int at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
                n++;
            }
            return n;
        }
    }
}
