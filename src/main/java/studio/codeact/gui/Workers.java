package studio.codeact.gui;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** The GUI's worker threads for blocking calls (engine start, file listing, model lists); never the FX thread. */
public final class Workers {

    private Workers() {
    }

    public static ExecutorService create() {
        AtomicInteger count = new AtomicInteger();
        return Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "codeact-gui-worker-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
