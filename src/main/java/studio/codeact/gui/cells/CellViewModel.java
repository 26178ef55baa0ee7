package studio.codeact.gui.cells;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import studio.codeact.engine.ExecutionResult;
import studio.codeact.engine.Output;

import java.time.Duration;
import java.util.Optional;

/**
 * One cell of the history: its code, where it came from, how its last run went and what it
 * showed. Every property changes on the FX thread (the notebook marshals engine callbacks).
 */
public final class CellViewModel {

    public enum State {
        /** Never run, or edited since. */
        IDLE,
        QUEUED,
        RUNNING,
        DONE,
        ERROR,
        INTERRUPTED;

        public boolean active() {
            return this == QUEUED || this == RUNNING;
        }
    }

    /** Who wrote the cell: the user, the model, or the app loading the user's data files. */
    public enum Origin { USER, AGENT, DATA }

    private final int number;
    private final Origin origin;
    private final StringProperty source = new SimpleStringProperty(this, "source", "");
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.IDLE);
    private final ReadOnlyIntegerWrapper executionCount = new ReadOnlyIntegerWrapper(this, "executionCount", 0);
    private final ReadOnlyObjectWrapper<Duration> elapsed = new ReadOnlyObjectWrapper<>(this, "elapsed", Duration.ZERO);
    private final ReadOnlyBooleanWrapper edited = new ReadOnlyBooleanWrapper(this, "edited", false);
    private final ObservableList<OutputItem> outputs = FXCollections.observableArrayList();
    private final ObservableList<OutputItem> outputsView = FXCollections.unmodifiableObservableList(outputs);

    private String ranSource = "";
    private long startedNanos;
    private boolean started;
    private String note = "";

    CellViewModel(int number, Origin origin, String code) {
        this.number = number;
        this.origin = origin;
        source.set(code);
        source.addListener((obs, old, now) -> edited.set(state.get() != State.IDLE && !now.equals(ranSource)));
    }

    // Properties

    /** A stable number for this cell in the session (1, 2, 3 …), as the chat's action cards name it. */
    public int number() {
        return number;
    }

    public Origin origin() {
        return origin;
    }

    /** The code; the editor binds to it both ways. */
    public StringProperty sourceProperty() {
        return source;
    }

    public String source() {
        return source.get();
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public State state() {
        return state.get();
    }

    /** IPython's execution count of the last run; 0 before the first. */
    public ReadOnlyIntegerProperty executionCountProperty() {
        return executionCount.getReadOnlyProperty();
    }

    /** Time spent running: grows while running, final once done. */
    public ReadOnlyObjectProperty<Duration> elapsedProperty() {
        return elapsed.getReadOnlyProperty();
    }

    /** True when the code differs from what last ran. */
    public ReadOnlyBooleanProperty editedProperty() {
        return edited.getReadOnlyProperty();
    }

    public ObservableList<OutputItem> outputs() {
        return outputsView;
    }

    /** What the engine did beyond running the cell (e.g. a restart after a timeout), or empty. */
    public String note() {
        return note;
    }

    public Optional<OutputItem.Error> error() {
        return outputs.stream().filter(OutputItem.Error.class::isInstance).map(OutputItem.Error.class::cast).findFirst();
    }

    // Transitions (called by the notebook and the agent bridge, on the FX thread)

    void markQueued() {
        outputs.clear();
        note = "";
        elapsed.set(Duration.ZERO);
        ranSource = source.get();
        started = false;
        edited.set(false);
        state.set(State.QUEUED);
    }

    void markRunning(long nowNanos) {
        startedNanos = nowNanos;
        started = true;
        state.set(State.RUNNING);
    }

    void append(Output output) {
        if (state.get() == State.QUEUED) {
            state.set(State.RUNNING);
        }
        OutputMapper.append(outputs, output, ranSource);
    }

    /** Printed text cut on its way to the view ({@link OutputFeed}): counted in the stream's "cut" line. */
    void appendCut(Output.StreamName stream, long chars, long lines) {
        if (state.get() == State.QUEUED) {
            state.set(State.RUNNING);
        }
        OutputMapper.cut(outputs, stream, chars, lines);
    }

    void tick(long nowNanos) {
        if (state.get() == State.RUNNING && started) {
            elapsed.set(Duration.ofNanos(nowNanos - startedNanos));
        }
    }

    /** Ends the run; outputs the listener delivered are already here, the result adds none. */
    void finish(ExecutionResult result) {
        executionCount.set(result.executionCount());
        elapsed.set(result.elapsed());
        note = result.note();
        if (outputs.isEmpty() && !result.outputs().isEmpty()) {
            // A consumer that saw no live outputs (e.g. a replayed agent cell) still shows them.
            result.outputs().forEach(output -> OutputMapper.append(outputs, output, ranSource));
        }
        OutputMapper.endProgress(outputs);
        state.set(switch (result.status()) {
            case OK -> State.DONE;
            case ERROR -> isInterrupt(result) ? State.INTERRUPTED : State.ERROR;
            case TIMED_OUT, ABORTED -> State.INTERRUPTED;
            case DIED -> State.ERROR;
        });
        if (!note.isEmpty() && error().isEmpty() && result.status() != studio.codeact.engine.ExecutionStatus.OK) {
            outputs.add(new OutputItem.Error(result.status().name(), note, java.util.List.of()));
        }
    }

    /** The run failed before it could start (engine missing or dead). */
    void fail(String message) {
        outputs.add(new OutputItem.Error("EngineError", message, java.util.List.of()));
        state.set(State.ERROR);
    }

    private static boolean isInterrupt(ExecutionResult result) {
        return result.error().map(e -> e.ename().equals("KeyboardInterrupt")).orElse(false);
    }

    @Override
    public String toString() {
        return "Cell " + number + " [" + state.get() + "]";
    }
}
