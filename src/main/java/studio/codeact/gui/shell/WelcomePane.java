package studio.codeact.gui.shell;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** First run without a model: what the app does, and two ways forward (set up a model, or open the demo). */
public final class WelcomePane extends VBox {

    public WelcomePane(Runnable openSettings, Runnable openDemo) {
        getStyleClass().add("welcome");
        Label title = new Label("Welcome to CodeAct Studio");
        title.getStyleClass().add("welcome-title");
        Label text = new Label("Drop a data file on the window and ask a question in plain language. "
                + "A language model answers by writing Python that runs right here; every step appears as a cell you can edit and re-run.");
        text.setWrapText(true);
        Label noModel = new Label("No language model is set up yet. Connect one (OpenAI, Anthropic, a local Ollama or any "
                + "OpenAI-compatible server), or look at the demo session first — it needs no key.");
        noModel.setWrapText(true);
        Button settings = new Button("Set up a model…");
        settings.getStyleClass().add("accent");
        settings.setOnAction(event -> openSettings.run());
        Button demo = new Button("Open the demo session");
        demo.setOnAction(event -> openDemo.run());
        Label cells = new Label("You can also add cells and run Python yourself without a model.");
        cells.setWrapText(true);
        cells.getStyleClass().add("muted");
        getChildren().addAll(title, text, noModel, settings, demo, cells);
    }
}
