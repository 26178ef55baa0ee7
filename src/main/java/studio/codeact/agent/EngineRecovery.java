package studio.codeact.agent;

import studio.codeact.engine.EngineState;
import studio.codeact.engine.ExecutionStatus;
import studio.codeact.engine.Output;
import studio.codeact.engine.PythonEngine;
import studio.codeact.session.CellKind;

import java.util.List;
import java.util.function.Consumer;

/**
 * Engine trouble after an action: an interpreter that died (the kernel engine's process exited)
 * or was restarted (a timed-out cell that would not stop) is brought back — restarted if it is not
 * ready, the datasets loaded again by re-running the setup code as a new cell — and the model is
 * told what is gone. Used on the agent's thread.
 */
final class EngineRecovery {

    private final PythonEngine engine;
    private final CellRunner cells;
    private final Consumer<AgentEvent> emit;

    EngineRecovery(PythonEngine engine, CellRunner cells, Consumer<AgentEvent> emit) {
        this.engine = engine;
        this.cells = cells;
        this.emit = emit;
    }

    /** True when the cell left the interpreter dead or restarted. */
    boolean needed(CellRunner.Run run) {
        return run.result().status() == ExecutionStatus.DIED
                || engine.state() == EngineState.DEAD
                || ObservationFormatter.mentionsRestart(run.result().note());
    }

    /**
     * Restarts the interpreter if it is not ready and reloads the datasets.
     *
     * @return the note for the model
     */
    String recover(int turn, String setupCode, List<Dataset> datasets) {
        if (engine.state() != EngineState.IDLE) {
            engine.restart();
        }
        if (setupCode.isEmpty()) {
            emit.accept(new AgentEvent.Notice("the Python process was restarted; earlier variables are gone"));
            return "[The Python process was restarted, so every variable from earlier actions is gone. Recompute what you still need.]";
        }
        CellRunner.Run reload = cells.run(CellKind.SETUP, turn, setupCode, null);
        String names = String.join(", ", datasets.stream().map(Dataset::variable).toList());
        if (!reload.result().ok()) {
            emit.accept(new AgentEvent.Notice("the Python process was restarted, but the datasets could not be loaded again"));
            return "[The Python process was restarted and loading the datasets again failed ("
                    + reload.result().error().map(Output.Error::summary).orElse(reload.result().status().name())
                    + "); every variable from earlier actions is gone.]";
        }
        emit.accept(new AgentEvent.Notice("the Python process was restarted and the datasets were loaded again (" + names + ")"));
        return "[The Python process was restarted, so every variable from earlier actions is gone. The datasets were loaded again ("
                + names + "); recompute anything else you still need.]";
    }
}
