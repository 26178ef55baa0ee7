package studio.codeact.gui.shell;

import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import studio.codeact.engine.EngineState;
import studio.codeact.gui.EngineViewModel;

import java.util.Locale;

/** "Python: embedded · idle" with Interrupt and Restart, as the toolbar shows it. */
public final class EngineStatusView extends HBox {

    public EngineStatusView(EngineViewModel engine, Runnable interrupt) {
        super(6);
        setAlignment(Pos.CENTER_LEFT);
        getStyleClass().add("engine-status");
        Label caption = new Label("Python");
        Label state = new Label();
        state.getStyleClass().add("engine-state");
        state.textProperty().bind(Bindings.createStringBinding(() -> {
            String kind = engine.kindProperty().get() == null ? "" : engine.kindProperty().get().id() + " · ";
            return kind + engine.state().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }, engine.stateProperty(), engine.kindProperty()));
        engine.stateProperty().addListener((obs, old, now) -> style(state, now));
        style(state, engine.state());
        Tooltip problem = new Tooltip();
        problem.textProperty().bind(engine.problemProperty());
        state.setTooltip(problem);
        Button stop = new Button("Interrupt");
        stop.setTooltip(new Tooltip("Stop the running cell and the assistant (Ctrl+.)"));
        stop.setOnAction(event -> interrupt.run());
        stop.disableProperty().bind(engine.stateProperty().isNotEqualTo(EngineState.BUSY));
        Button restart = new Button("Restart");
        restart.setTooltip(new Tooltip("Start a fresh Python: all variables are cleared"));
        restart.setOnAction(event -> engine.restart());
        restart.disableProperty().bind(engine.stateProperty().isEqualTo(EngineState.STARTING)
                .or(engine.stateProperty().isEqualTo(EngineState.RESTARTING)));
        getChildren().addAll(caption, state, stop, restart);
    }

    private static void style(Label state, EngineState now) {
        state.getStyleClass().removeIf(c -> !c.equals("engine-state") && !c.equals("label"));
        state.getStyleClass().add(now.name().toLowerCase(Locale.ROOT));
    }
}
