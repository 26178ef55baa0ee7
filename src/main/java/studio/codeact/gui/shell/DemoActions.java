package studio.codeact.gui.shell;

import javafx.scene.control.ChoiceDialog;
import javafx.stage.Stage;
import studio.codeact.gui.Theme;
import studio.codeact.gui.UiExecutor;
import studio.codeact.gui.chat.ChatItem;
import studio.codeact.gui.data.DatasetsViewModel;
import studio.codeact.gui.demo.Demo;
import studio.codeact.gui.demo.DemoLibrary;
import studio.codeact.gui.demo.DemoPlayer;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Scripted demos: the Demo menu's choice of a demo and its playing in this window; a table a
 * demo loads is listed among the datasets. Called on the FX thread.
 */
final class DemoActions {

    private final Stage stage;
    private final MainViewModel model;
    private final DemoPlayer player;

    DemoActions(Stage stage, MainViewModel model, DatasetsViewModel datasets, UiExecutor ui) {
        this.stage = stage;
        this.model = model;
        player = new DemoPlayer(model.chat(), model.notebook(), ui);
        player.onDataset((variable, file) -> model.engine().current().ifPresent(python -> python.variables().thenAccept(found -> found.stream()
                .filter(v -> v.name().equals(variable) && v.isTable()).findFirst()
                .ifPresent(v -> ui.execute(() -> datasets.listLoaded(file, variable, v.shape().replace(" \u00d7 ", " rows \u00d7 ") + " columns",
                        v.summary()))))));
    }

    /** Asks which demo (from {@code samples/demos} beside the application), then plays it. */
    void choose() {
        Optional<Path> samples = DemoLibrary.samplesFolder();
        List<Demo> demos = samples.map(DemoLibrary::demos).orElse(List.of());
        if (demos.isEmpty()) {
            model.chat().notice(ChatItem.Level.WARNING, "No demos were found (looked for samples/demos beside the application).");
            return;
        }
        ChoiceDialog<Demo> pick = new ChoiceDialog<>(demos.getFirst(), demos);
        pick.initOwner(stage);
        pick.setTitle("Demo");
        pick.setHeaderText("Play a scripted demo: the assistant's words were written in advance; its code runs live in your Python.");
        Theme.style(pick.getDialogPane(), model.fontSizeProperty().get());
        pick.showAndWait().ifPresent(demo -> play(demo, samples.get()));
    }

    CompletableFuture<Void> play(Demo demo, Path samples) {
        return player.play(demo, samples);
    }

    /** Stops a demo that is playing (the Stop button). */
    void stop() {
        player.stop();
    }
}
