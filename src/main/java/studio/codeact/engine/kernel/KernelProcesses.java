package studio.codeact.engine.kernel;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every kernel process this JVM started and has not stopped yet. One shutdown hook
 * ({@code codeact-kernel-reaper}) kills them all and removes their connection files when the
 * JVM exits, so no kernel outlives the app even when nobody called {@code close()}.
 * (A JVM killed with SIGKILL runs no hooks; the kernels then notice through
 * {@code JPY_PARENT_PID} that their parent is gone and exit.)
 */
final class KernelProcesses {

    private static final Set<KernelManager> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(KernelProcesses::killAll, "codeact-kernel-reaper"));
    }

    private KernelProcesses() {
    }

    static void register(KernelManager manager) {
        LIVE.add(manager);
    }

    static void unregister(KernelManager manager) {
        LIVE.remove(manager);
    }

    private static void killAll() {
        for (KernelManager manager : LIVE) {
            manager.killNow();
        }
    }
}
