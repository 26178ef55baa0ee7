package studio.codeact.cli;

import studio.codeact.session.Session;
import studio.codeact.session.SessionException;
import studio.codeact.session.SessionLock;
import studio.codeact.session.SessionRecovery;
import studio.codeact.session.StateFolder;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs {@code ask}, {@code bench} and {@code replay} in a child JVM and decides their exit code
 * from the app's own {@link Verdict}, never from how the process happened to end. Model code
 * that crashes the embedded interpreter natively, or calls the C library's {@code _exit(0)},
 * ends the child, not the guard: the guard then marks the session crashed
 * ({@link SessionRecovery}), says what happened on stderr, and exits 1.
 *
 * <p>The child's stdout is a pipe the guard copies to stderr; the command's real output travels
 * through {@link AnswerChannel}'s file, which the guard copies to stdout as it grows. The child
 * gets {@code -XX:ErrorFile} in the app's {@link StateFolder}, so a JVM crash log never lands in
 * a session's {@code work/} folder. Set {@code CODEACT_GUARD=off} to run in one process.
 *
 * <p>Threads: the caller's thread waits for the child; one daemon thread copies the child's
 * stdout, another follows the answer file.
 */
final class ProcessGuard {

    private static final Set<String> GUARDED = Set.of("ask", "bench", "replay");
    private static final String MAIN = "studio.codeact.cli.Main";

    private ProcessGuard() {
    }

    /** Whether {@code args} name a guarded command and this process is not already the guarded child. */
    static boolean wanted(String[] args) {
        if (Verdict.guarded() || "off".equalsIgnoreCase(System.getenv("CODEACT_GUARD"))) {
            return false;
        }
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                return GUARDED.contains(arg);
            }
        }
        return false;
    }

    /** Runs the command in a guarded child and returns the exit code to use. */
    static int run(String[] args) {
        Path state = StateFolder.ensure(System.getenv());
        Path runDir;
        try {
            runDir = Files.createTempDirectory(state, "run-");
        } catch (IOException e) {
            System.err.println("codeact: could not write in the app's log folder " + state + ": " + e.getMessage());
            return Main.FAILED;
        }
        Path verdict = runDir.resolve("verdict.json");
        Path answer = runDir.resolve("answer.out");
        try {
            Files.createFile(answer);
            Process child = new ProcessBuilder(command(state, verdict, answer, args))
                    .redirectInput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            GuardSignals.install(child);
            Thread pump = Thread.ofPlatform().daemon().name("codeact-guard-stdout").start(() -> copy(child.getInputStream(), System.err));
            AnswerFollower follower = AnswerFollower.start(answer, System.out);
            int status = waitFor(child);
            pump.join(2000);
            follower.finish();
            Verdict.Read read = Verdict.read(verdict);
            if (read.exit().isPresent()) {
                return read.exit().getAsInt();
            }
            System.err.flush();
            System.err.println("codeact: " + explain(status, child.pid(), state, read));
            return Main.FAILED;
        } catch (IOException e) {
            System.err.println("codeact: could not start the application process: " + e.getMessage());
            return Main.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.FAILED;
        } finally {
            deleteQuietly(runDir);
        }
    }

    /** What happened, the session's state and what to do: recovers the session the run named. */
    static String explain(int status, long pid, Path state, Verdict.Read read) {
        Path crashLog = state.resolve("hs_err_pid" + pid + ".log");
        boolean logged = Files.exists(crashLog);
        boolean nativeFault = status >= 128 || logged;
        String how = logged ? CrashLog.fault(crashLog).orElse(describeSignal(status))
                : nativeFault ? describeSignal(status) : "model code ended the process with exit status " + status;
        String log = logged ? " (crash log: " + crashLog + ")" : "";
        if (read.session().isEmpty()) {
            return "the app ended without deciding its exit code: " + how + log + "; --engine kernel isolates such code in its own process";
        }
        Path folder = read.session().get();
        String cell = "";
        String engine = "";
        String saved;
        try {
            SessionRecovery.Outcome outcome = SessionRecovery.recover(folder, how);
            cell = outcome.cell().isPresent() ? " in cell " + outcome.cell().getAsInt() : "";
            Session session = outcome.session();
            engine = session.info().engine();
            saved = "the session is saved in " + folder + " (marked crashed, exports written from the record)";
        } catch (SessionLock.HeldException e) {
            saved = "the session in " + folder + " is still held by " + e.holder().describe();
        } catch (SessionException e) {
            saved = "the session in " + folder + " could not be recovered: " + e.getMessage();
        }
        String who = "embedded".equals(engine) ? "the embedded Python crashed the app" : "the app's process died";
        String what = nativeFault ? "(a native fault" + cell + ": " + how + ")" : "(an exit the app did not decide" + cell + ": " + how + ")";
        return who + " " + what + log + "; " + saved + "; --engine kernel isolates such code in its own process";
    }

    private static String describeSignal(int status) {
        int signal = status - 128;
        return switch (signal) {
            case 6 -> "the JVM aborted after a fatal error (SIGABRT)";
            case 11 -> "a segmentation fault (SIGSEGV)";
            case 9 -> "killed by SIGKILL, e.g. by the out-of-memory killer";
            case 7 -> "a bus error (SIGBUS)";
            case 4 -> "an illegal instruction (SIGILL)";
            case 8 -> "a floating-point exception (SIGFPE)";
            default -> "exit status " + status + " (signal " + signal + ")";
        };
    }

    private static List<String> command(Path state, Path verdict, Path answer, String[] args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!option.startsWith("-D" + Verdict.PROPERTY + "=") && !option.startsWith("-D" + AnswerChannel.PROPERTY + "=")
                    && !option.startsWith("-XX:ErrorFile=")) {
                command.add(option);
            }
        }
        command.add("-XX:ErrorFile=" + state.resolve("hs_err_pid%p.log"));
        command.add("-XX:-CreateCoredumpOnCrash");
        command.add("-D" + Verdict.PROPERTY + "=" + verdict);
        command.add("-D" + AnswerChannel.PROPERTY + "=" + answer);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(MAIN);
        command.addAll(List.of(args));
        return command;
    }

    private static int waitFor(Process child) throws InterruptedException {
        while (true) {
            try {
                return child.waitFor();
            } catch (InterruptedException e) {
                child.destroy();
                throw e;
            }
        }
    }

    private static void copy(InputStream from, PrintStream to) {
        byte[] buffer = new byte[8192];
        try (from) {
            int n;
            while ((n = from.read(buffer)) > 0) {
                to.write(buffer, 0, n);
                to.flush();
            }
        } catch (IOException e) {
            // the child is gone
        }
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a run record left behind is harmless
        }
    }

    /** Copies a file to stdout as it grows, until told the writer is gone. */
    static final class AnswerFollower {
        private final Path file;
        private final OutputStream out;
        private final Thread thread;
        private volatile boolean done;
        private long position;

        private AnswerFollower(Path file, OutputStream out) {
            this.file = file;
            this.out = out;
            this.thread = Thread.ofPlatform().daemon().name("codeact-guard-answer").unstarted(this::loop);
        }

        static AnswerFollower start(Path file, OutputStream out) {
            AnswerFollower follower = new AnswerFollower(file, out);
            follower.thread.start();
            return follower;
        }

        private void loop() {
            while (!done) {
                drain();
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        /** Copies what is left and stops. */
        void finish() throws InterruptedException {
            done = true;
            thread.join();
            drain();
        }

        private synchronized void drain() {
            try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
                byte[] buffer = new byte[8192];
                in.seek(position);
                int n;
                while ((n = in.read(buffer)) > 0) {
                    out.write(buffer, 0, n);
                    position += n;
                }
                out.flush();
            } catch (IOException e) {
                // nothing more to copy
            }
        }
    }
}
