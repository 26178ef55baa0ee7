package studio.codeact.gui.chat;

import javafx.beans.value.ChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import studio.codeact.gui.cells.CellViewModel;

import java.util.Locale;
import java.util.function.Consumer;

/** A compact card for one code action: which cell, its state, the first lines of code. Click to see the cell. */
final class ActionCard extends VBox {

    ActionCard(CellViewModel cell, Consumer<CellViewModel> open) {
        getStyleClass().add("action-card");
        Label title = new Label("⚙ Cell " + cell.number());
        title.getStyleClass().add("action-title");
        Label state = new Label();
        state.getStyleClass().add("action-state");
        HBox header = new HBox(8, title, state);
        header.setAlignment(Pos.CENTER_LEFT);
        Label code = new Label(preview(cell.source()));
        code.getStyleClass().add("action-code");
        code.setMinHeight(USE_PREF_SIZE);
        getChildren().addAll(header, code);
        ChangeListener<Object> update = (obs, old, now) -> {
            state.setText(stateText(cell));
            getStyleClass().removeAll("queued", "running", "done", "error", "interrupted", "idle");
            getStyleClass().add(cell.state().name().toLowerCase(Locale.ROOT));
            code.setText(preview(cell.source()));
        };
        // Weak enough: the card lives as long as its chat row shows it; the cell outlives both.
        cell.stateProperty().addListener(new javafx.beans.value.WeakChangeListener<>(update));
        cell.sourceProperty().addListener(new javafx.beans.value.WeakChangeListener<>(update));
        setUserData(update);
        update.changed(null, null, null);
        Tooltip.install(this, new Tooltip("Show cell " + cell.number() + " in the history"));
        setOnMouseClicked(event -> open.accept(cell));
    }

    private static String stateText(CellViewModel cell) {
        return switch (cell.state()) {
            case IDLE -> "not run";
            case QUEUED -> "queued";
            case RUNNING -> "running";
            case DONE -> "done";
            case ERROR -> cell.error().map(e -> e.ename()).orElse("error");
            case INTERRUPTED -> "interrupted";
        };
    }

    static String preview(String code) {
        String[] lines = code.strip().split("\n");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(3, lines.length); i++) {
            out.append(i == 0 ? "" : "\n").append(lines[i].length() > 80 ? lines[i].substring(0, 79) + "…" : lines[i]);
        }
        if (lines.length > 3) {
            out.append("\n… ").append(lines.length - 3).append(" more lines");
        }
        return out.toString();
    }
}
