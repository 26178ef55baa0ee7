package studio.codeact.gui.settings;

import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;

import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** The dialog's "Sandbox" section: the off switch, network access, what they mean here, and when a change applies. */
final class SandboxSection {

    private SandboxSection() {
    }

    /**
     * Adds the section's rows.
     *
     * @param field adds a labelled row
     * @param row   adds an unlabelled row under the fields
     */
    static void build(SandboxViewModel model, BiConsumer<String, Node> field, Consumer<Node> row) {
        CheckBox enabled = new CheckBox("Run model code in a sandbox");
        enabled.setId("sandbox-enabled");
        enabled.selectedProperty().bindBidirectional(model.enabledProperty());
        field.accept("Model code", enabled);
        CheckBox network = new CheckBox("Allow network access");
        network.setId("sandbox-network");
        network.selectedProperty().bindBidirectional(model.allowNetworkProperty());
        // without the sandbox code has the network anyway
        network.disableProperty().bind(model.enabledProperty().not());
        field.accept("Network", network);
        Label summary = new Label();
        summary.setId("sandbox-summary");
        summary.setWrapText(true);
        summary.textProperty().bind(model.summary());
        summary.getStyleClass().add("doctor");
        summary.getStyleClass().add(model.enabledProperty().get() && model.available() ? "ok" : "bad");
        model.enabledProperty().addListener((obs, old, on) -> {
            summary.getStyleClass().removeAll("ok", "bad");
            summary.getStyleClass().add(on && model.available() ? "ok" : "bad");
        });
        row.accept(summary);
        Label applies = new Label(SandboxViewModel.APPLIES);
        applies.setId("sandbox-applies");
        applies.setWrapText(true);
        applies.getStyleClass().add("muted");
        row.accept(applies);
    }
}
