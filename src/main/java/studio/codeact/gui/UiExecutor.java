package studio.codeact.gui;

import javafx.application.Platform;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one place where work from worker threads (engine events, model stream chunks) crosses
 * onto the JavaFX application thread.
 *
 * <p>Tasks run in submission order. Instead of one {@code Platform.runLater} per task, pending
 * tasks are drained in a single pulse, so a model streaming hundreds of tokens a second or a
 * cell printing thousands of lines never floods the FX event queue. A drain stops after a time
 * budget and reschedules the rest, so one burst cannot stall the UI either.
 *
 * <p>View models receive an {@link Executor}; the app hands them {@link #fx()}, tests hand them
 * {@link #direct()} and run without a toolkit.
 */
public final class UiExecutor implements Executor {

    private static final long DRAIN_BUDGET_NANOS = 8_000_000; // 8 ms per pulse, then yield to rendering

    private static final UiExecutor FX = new UiExecutor();

    private final Queue<Runnable> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    private UiExecutor() {
    }

    /** The executor that runs tasks on the JavaFX application thread. */
    public static UiExecutor fx() {
        return FX;
    }

    /** Runs tasks at once on the calling thread (view-model tests, no toolkit). */
    public static Executor direct() {
        return Runnable::run;
    }

    @Override
    public void execute(Runnable task) {
        pending.add(task);
        if (scheduled.compareAndSet(false, true)) {
            Platform.runLater(this::drain);
        }
    }

    private void drain() {
        long deadline = System.nanoTime() + DRAIN_BUDGET_NANOS;
        Runnable task;
        while ((task = pending.poll()) != null) {
            try {
                task.run();
            } catch (RuntimeException e) {
                Thread thread = Thread.currentThread();
                thread.getUncaughtExceptionHandler().uncaughtException(thread, e);
            }
            if (System.nanoTime() > deadline && !pending.isEmpty()) {
                Platform.runLater(this::drain);
                return;
            }
        }
        scheduled.set(false);
        // A task added between poll() returning null and the flag reset must not be stranded.
        if (!pending.isEmpty() && scheduled.compareAndSet(false, true)) {
            Platform.runLater(this::drain);
        }
    }
}
