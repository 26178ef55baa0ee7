package studio.codeact.gui;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import studio.codeact.engine.EngineEvent;
import studio.codeact.engine.EngineKind;
import studio.codeact.engine.EngineListener;
import studio.codeact.engine.EngineState;
import studio.codeact.engine.PythonEngine;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The Python engine as the status bar shows it: which kind, its state, and a plain sentence when
 * it could not start. Starting, restarting and closing run on a worker thread; state changes
 * reach the properties through the UI executor.
 */
public final class EngineViewModel {

    private static final System.Logger LOG = System.getLogger(EngineViewModel.class.getName());

    private final Supplier<PythonEngine> factory;
    private final Executor ui;
    private final Executor worker;
    private final EngineListener listener = this::onEngineEvent;

    private final ReadOnlyObjectWrapper<EngineState> state = new ReadOnlyObjectWrapper<>(this, "state", EngineState.NOT_STARTED);
    private final ReadOnlyObjectWrapper<EngineKind> kind = new ReadOnlyObjectWrapper<>(this, "kind");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    private final ReadOnlyStringWrapper fix = new ReadOnlyStringWrapper(this, "fix", "");

    private volatile PythonEngine engine;
    private volatile CompletableFuture<PythonEngine> ready;
    /** The settings the engine was made with changed (e.g. the sandbox): the next restart makes a new one. */
    private volatile boolean renewOnRestart;

    /**
     * @param factory makes a new, not yet started engine (called on the worker thread)
     * @param ui      runs property updates (the FX thread in the app)
     * @param worker  runs blocking engine calls (never the FX thread)
     */
    public EngineViewModel(Supplier<PythonEngine> factory, Executor ui, Executor worker) {
        this.factory = factory;
        this.ui = ui;
        this.worker = worker;
    }

    // Properties

    public ReadOnlyObjectProperty<EngineState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public EngineState state() {
        return state.get();
    }

    public ReadOnlyObjectProperty<EngineKind> kindProperty() {
        return kind.getReadOnlyProperty();
    }

    /** Why the engine is not usable (could not start, died), as a sentence with what to do; empty when fine. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** The exact command that fixes {@link #problemProperty()} (e.g. the apt-get line for missing packages), or empty. */
    public ReadOnlyStringProperty fixProperty() {
        return fix.getReadOnlyProperty();
    }

    /** Shows the doctor's verdict when it found something wrong (missing packages, no libpython). */
    public void reportDoctor(Doctor.Report report) {
        if (!report.ok()) {
            problem.set(report.summary());
            fix.set(report.fix());
        }
    }

    /** The last thing the engine did on its own (e.g. "restarted; variables are gone"). */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** The engine when it has been created (it may still be starting). */
    public Optional<PythonEngine> current() {
        return Optional.ofNullable(engine);
    }

    // Commands

    /** Starts the engine unless started; completes when it can run code, or exceptionally with the reason. */
    public synchronized CompletableFuture<PythonEngine> start() {
        if (ready != null && !ready.isCompletedExceptionally()) {
            return ready;
        }
        ui.execute(() -> {
            problem.set("");
            fix.set("");
            state.set(EngineState.STARTING);
        });
        CompletableFuture<PythonEngine> starting = CompletableFuture.supplyAsync(() -> {
            PythonEngine created = engine;
            if (created == null) {
                created = factory.get();
                created.addListener(listener);
                engine = created;
            }
            PythonEngine started = created;
            ui.execute(() -> kind.set(started.kind()));
            started.start();
            return started;
        }, worker);
        starting.whenComplete((started, error) -> ui.execute(() -> {
            if (error != null) {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                LOG.log(System.Logger.Level.WARNING, "engine did not start: " + cause.getMessage());
                // The doctor's verdict (what is missing and the command) says more than the engine's failure: keep it.
                if (fix.get().isEmpty()) {
                    problem.set(Messages.sentence(cause));
                }
                state.set(EngineState.DEAD);
            } else {
                state.set(started.state());
            }
        }));
        ready = starting;
        return starting;
    }

    /** Interrupts the running cell, if any. Returns at once. */
    public void interrupt() {
        PythonEngine current = engine;
        if (current != null) {
            worker.execute(current::interrupt);
        }
    }

    /** The next {@link #restart()} replaces the engine by a new one from the factory (its settings changed). */
    public void renewOnRestart() {
        renewOnRestart = engine != null;
    }

    /** Clears the interpreter's state; completes when it is ready again (with a new engine after {@link #renewOnRestart()}). */
    public CompletableFuture<Void> restart() {
        if (renewOnRestart) {
            renewOnRestart = false;
            return recreate().thenAccept(started -> { });
        }
        PythonEngine current = engine;
        if (current == null) {
            return start().thenAccept(started -> { });
        }
        ui.execute(() -> state.set(EngineState.RESTARTING));
        return CompletableFuture.runAsync(current::restart, worker).whenComplete((ok, error) -> ui.execute(() -> {
            if (error != null) {
                problem.set(Messages.sentence(error.getCause() != null ? error.getCause() : error));
            }
            state.set(current.state());
        }));
    }

    /** Replaces the engine by a new one from the factory (after the engine settings changed) and starts it. */
    public CompletableFuture<PythonEngine> recreate() {
        return CompletableFuture.runAsync(this::shutdown, worker).thenCompose(ignored -> start());
    }

    /** Closes the engine (kernel process, threads). Blocks; call from a worker or at exit. */
    public void shutdown() {
        PythonEngine current;
        synchronized (this) {
            current = engine;
            engine = null;
            ready = null;
            renewOnRestart = false;
        }
        if (current != null) {
            current.removeListener(listener);
            try {
                current.close();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "closing the engine failed: " + e.getMessage());
            }
        }
        ui.execute(() -> state.set(EngineState.CLOSED));
    }

    private void onEngineEvent(EngineEvent event) {
        ui.execute(() -> {
            switch (event) {
                case EngineEvent.StateChanged changed -> state.set(changed.state());
                case EngineEvent.Died died -> {
                    problem.set("The Python engine stopped: " + died.reason() + " Use Restart to start a fresh one.");
                    state.set(EngineState.DEAD);
                }
                case EngineEvent.Restarted restarted -> {
                    problem.set("");
                    notice.set("Python restarted (" + restarted.reason() + "); earlier variables are gone.");
                }
            }
        });
    }
}
