package studio.codeact.gui.cells;

import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** An exception: its one-line summary stands out; the traceback is one click away. */
final class ErrorView extends VBox {

    ErrorView(OutputItem.Error error) {
        getStyleClass().add("error-output");
        Label summary = new Label(error.summary());
        summary.getStyleClass().add("error-summary");
        summary.setWrapText(true);
        summary.setMinHeight(USE_PREF_SIZE);
        getChildren().add(summary);
        if (!error.traceback().isEmpty()) {
            Label traceback = OutputViews.monospace(error.tracebackText(), "error-traceback");
            Hyperlink toggle = new Hyperlink("show traceback");
            toggle.setOnAction(event -> {
                if (getChildren().contains(traceback)) {
                    getChildren().remove(traceback);
                    toggle.setText("show traceback");
                } else {
                    getChildren().add(1, traceback);
                    toggle.setText("hide traceback");
                }
            });
            // Short tracebacks are shown at once; long ones wait for the click.
            if (error.traceback().size() <= 12) {
                getChildren().add(traceback);
                toggle.setText("hide traceback");
            }
            getChildren().add(toggle);
        }
    }
}
