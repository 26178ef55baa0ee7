package studio.codeact.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import studio.codeact.agent.CodeActAgent;
import studio.codeact.agent.DatasetException;
import studio.codeact.engine.EngineException;
import studio.codeact.session.SessionException;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code codeact ask}: answers one question about data files with a CodeAct agent, headless. The
 * model's text and the observations stream to stderr; the final answer goes to stdout; the
 * session folder gets {@code session.json}, its figures and the three exports. With
 * {@code --resume DIR} the saved session continues: its cells run again, the conversation goes
 * on, and this run is added to DIR. Exit codes: 0 answered, 1 failed (session still saved), 2 bad
 * usage or input (checked before any model call), 3 turn limit reached without an answer.
 */
@Command(name = "ask", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Ask a question about your data; a language model answers by running Python code.")
public final class AskCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    AgentOptions options;

    @Mixin
    SessionOptions where;

    @Parameters(paramLabel = "QUESTION", arity = "1..*", description = "The question, in plain language.")
    List<String> words;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        String question = String.join(" ", words).strip();
        CliSession.Checked checked;
        try {
            if (question.isEmpty()) {
                throw new IllegalArgumentException("the question is empty");
            }
            checked = CliSession.check(options, where);
        } catch (IllegalArgumentException | DatasetException e) {
            stderr.println("codeact: " + e.getMessage());
            return Main.BAD_INPUT;
        }
        BufferedReader terminal = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        CliSession session;
        try {
            session = CliSession.open(checked, question, new ConsoleReporter(stderr), terminal, stderr);
        } catch (SessionException | IllegalArgumentException e) {
            stderr.println("codeact: " + Errors.sentence(e));
            return Main.BAD_INPUT;
        }
        CountDownLatch saved = new CountDownLatch(1);
        AtomicReference<CodeActAgent> running = new AtomicReference<>(session.agent());
        Thread onInterrupt = Thread.ofPlatform().unstarted(() -> {
            CodeActAgent agent = running.get();
            if (agent != null) {
                agent.cancel();
            }
            try {
                saved.await(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        int code = Main.FAILED;
        try {
            code = run(session, question, stdout, stderr);
            return code;
        } finally {
            session.close();
            stderr.flush();
            stdout.flush();
            // Before the Ctrl+C hook may let the JVM halt: the guard reads the app's decision, not the signal.
            Verdict.decided(code);
            saved.countDown();
            removeHook(onInterrupt);
        }
    }

    /** Continues or loads, then asks; Ctrl-C (the JVM shutting down) cancels the agent, then waits for the session to be saved. */
    private static int run(CliSession session, String question, PrintWriter stdout, PrintWriter stderr) {
        try {
            session.start();
            return session.ask(question, stdout, true);
        } catch (DatasetException e) {
            stderr.println("codeact: " + e.getMessage());
            return Main.BAD_INPUT;
        } catch (EngineException e) {
            stderr.println("codeact: the Python engine failed: " + e.getMessage());
            return JupyterOptions.exitCode(e);
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is already exiting: the hook is running and will see the latch.
        }
    }
}
