package studio.codeact.gui.data;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import studio.codeact.engine.PythonEngine;
import studio.codeact.engine.VariableInfo;
import studio.codeact.gui.Messages;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The user's variables, asked of the engine directly (never through the model) after every
 * cell. A refresh asked for while one is under way runs once that one is back.
 */
public final class VariablesViewModel {

    private final Supplier<Optional<PythonEngine>> engine;
    private final Executor ui;
    private final ObservableList<VariableInfo> variables = FXCollections.observableArrayList();
    /** One read-only view, kept: listeners added to a throw-away wrapper would be lost with it. */
    private final ObservableList<VariableInfo> variablesView = FXCollections.unmodifiableObservableList(variables);
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private boolean refreshing;
    private boolean again;

    public VariablesViewModel(Supplier<Optional<PythonEngine>> engine, Executor ui) {
        this.engine = engine;
        this.ui = ui;
    }

    public ObservableList<VariableInfo> variables() {
        return variablesView;
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** Asks the engine for its variables; the list updates when it answers. Call on the UI thread. */
    public void refresh() {
        if (refreshing) {
            again = true;
            return;
        }
        Optional<PythonEngine> python = engine.get();
        if (python.isEmpty()) {
            variables.clear();
            return;
        }
        refreshing = true;
        CompletableFuture<List<VariableInfo>> answer = python.get().variables();
        answer.whenComplete((found, error) -> ui.execute(() -> {
            refreshing = false;
            if (error != null) {
                problem.set(Messages.sentence(error));
            } else {
                problem.set("");
                variables.setAll(found);
            }
            if (again) {
                again = false;
                refresh();
            }
        }));
    }

    public void clear() {
        variables.clear();
    }
}
