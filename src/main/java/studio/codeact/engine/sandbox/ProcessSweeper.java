package studio.codeact.engine.sandbox;

import java.io.IOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Ends the processes sandboxed code started, however they hid: with {@code start_new_session=True}
 * or double-forked, an orphan is re-parented to the nearest "child subreaper" ancestor. The app
 * makes itself one ({@code PR_SET_CHILD_SUBREAPER}, which restricts nothing), and so does each
 * sandboxed kernel, so every process model code started stays a descendant of the app.
 *
 * <p>They are told apart from the app's own children by {@code NoNewPrivs: 1} in
 * {@code /proc/PID/status}: the sandbox sets it on the code's thread or process and it is
 * inherited by everything started from there; the app's own processes (kernels before they
 * confine themselves, {@code kill}, helpers) lack it. Kernels the app started are registered and
 * left to their {@code KernelManager}.
 *
 * <p>{@link #sweep()} runs when an engine restarts or closes, and from a shutdown hook when the
 * JVM exits (the app and {@code ask}). A sweep ends every such process of the process, whichever
 * sandboxed engine started it.
 */
@SuppressWarnings("restricted") // prctl and waitpid through FFM; the JVM runs with --enable-native-access
public final class ProcessSweeper {

    private static final System.Logger LOG = System.getLogger(ProcessSweeper.class.getName());
    private static final int PR_SET_CHILD_SUBREAPER = 36;
    private static final int WNOHANG = 1;
    private static final Set<Long> APP_STARTED = ConcurrentHashMap.newKeySet();
    private static volatile boolean installed;

    private ProcessSweeper() {
    }

    /** Makes the app a child subreaper and sweeps when the JVM exits. Idempotent. */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        try {
            Linker linker = Linker.nativeLinker();
            MethodHandle prctl = linker.downcallHandle(linker.defaultLookup().find("prctl").orElseThrow(),
                    FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
                    Linker.Option.firstVariadicArg(1));
            int result = (int) prctl.invokeExact(PR_SET_CHILD_SUBREAPER, 1L, 0L, 0L, 0L);
            if (result != 0) {
                LOG.log(System.Logger.Level.WARNING, "could not make the app a child subreaper; double-forked processes may outlive it");
            }
        } catch (Throwable e) {
            LOG.log(System.Logger.Level.WARNING, "could not make the app a child subreaper", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(ProcessSweeper::sweep, "codeact-sandbox-sweeper"));
    }

    /** A process the app itself started (a kernel): never swept, never reaped here. */
    public static void appStarted(long pid) {
        APP_STARTED.add(pid);
    }

    /**
     * Kills every sandboxed process that is a child of the app (and everything below it) and
     * reaps the ones that became the app's children; returns how many it ended.
     */
    public static int sweep() {
        List<ProcessHandle> doomed = new ArrayList<>();
        for (ProcessHandle child : ProcessHandle.current().children().toList()) {
            if (APP_STARTED.contains(child.pid()) || !sandboxed(child.pid())) {
                continue;
            }
            doomed.add(child);
            doomed.addAll(child.descendants().toList());
        }
        doomed.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle process : doomed) {
            reap(process.pid());
        }
        if (!doomed.isEmpty()) {
            LOG.log(System.Logger.Level.DEBUG, "ended {0} process(es) started by sandboxed code", doomed.size());
        }
        return doomed.size();
    }

    /** Whether {@code pid} runs with no-new-privileges (sandboxed code and what it started). */
    static boolean sandboxed(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("NoNewPrivs:")) {
                    return line.substring("NoNewPrivs:".length()).trim().equals("1");
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }

    /** Waits up to a second for {@code pid} to die, then collects its exit status if it is the app's child. */
    private static void reap(long pid) {
        long deadline = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                int reaped = (int) waitpid().invokeExact((int) pid, 0L, WNOHANG);
                if (reaped != 0) {
                    return; // reaped, or not our child (-1)
                }
            } catch (Throwable e) {
                return;
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(5); // polling a process that is being killed; not a test wait
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static MethodHandle waitpid;

    private static synchronized MethodHandle waitpid() {
        if (waitpid == null) {
            Linker linker = Linker.nativeLinker();
            waitpid = linker.downcallHandle(linker.defaultLookup().find("waitpid").orElseThrow(),
                    FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_INT));
        }
        return waitpid;
    }
}
