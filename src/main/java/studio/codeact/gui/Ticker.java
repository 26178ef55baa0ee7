package studio.codeact.gui;

import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Runs a task on the UI executor a few times a second (elapsed-time displays); one daemon thread. */
public final class Ticker implements AutoCloseable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "codeact-gui-ticker");
        thread.setDaemon(true);
        return thread;
    });
    private final ScheduledFuture<?> future;

    public Ticker(long periodMillis, Executor ui, Runnable task) {
        future = timer.scheduleAtFixedRate(() -> ui.execute(task), periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        future.cancel(false);
        timer.shutdownNow();
    }
}
