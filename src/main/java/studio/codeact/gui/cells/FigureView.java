package studio.codeact.gui.cells;

import javafx.scene.Scene;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.StackPane;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.LinkedHashMap;

/** A figure: shown at most {@value #MAX_WIDTH} px wide; click to enlarge; right-click to save as PNG or copy. */
final class FigureView extends StackPane {

    static final double MAX_WIDTH = 640;

    /** Most recently shown images stay decoded (scrolling back does not decode again); older ones are dropped with their pixels. */
    static final int DECODED_LIMIT = 16;
    private static final Map<OutputItem.Figure, Image> DECODED = new LinkedHashMap<>(32, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<OutputItem.Figure, Image> eldest) {
            return size() > DECODED_LIMIT;
        }
    };

    private final OutputItem.Figure figure;

    FigureView(OutputItem.Figure figure) {
        this.figure = figure;
        getStyleClass().add("figure-output");
        Image image = image(figure);
        ImageView view = new ImageView(image);
        view.setPreserveRatio(true);
        double widest = Math.min(MAX_WIDTH, image.getWidth());
        view.setFitWidth(widest);
        // Narrower than the pane when the pane is narrow: never force the history to scroll sideways.
        parentProperty().addListener((obs, old, parent) -> {
            view.fitWidthProperty().unbind();
            if (parent instanceof javafx.scene.layout.Region region) {
                view.fitWidthProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                        () -> region.getWidth() <= 0 ? widest : Math.max(80, Math.min(widest, region.getWidth() - 8)), region.widthProperty()));
            }
        });
        view.setSmooth(true);
        getChildren().add(view);
        setMaxWidth(USE_PREF_SIZE);
        Tooltip.install(this, new Tooltip("Click to enlarge · right-click to save"));
        setOnContextMenuRequested(event -> menu().show(this, event.getScreenX(), event.getScreenY()));
        setOnMouseClicked(event -> {
            if (event.getButton() == MouseButton.PRIMARY) {
                enlarge();
            }
        });
    }

    /** Built on first right-click: most figures are never right-clicked, and scrolling rebuilds views. */
    private ContextMenu menu() {
        MenuItem save = new MenuItem("Save as PNG…");
        save.setOnAction(event -> save(getScene().getWindow()));
        MenuItem copy = new MenuItem("Copy image");
        copy.setOnAction(event -> {
            ClipboardContent content = new ClipboardContent();
            content.putImage(image(figure));
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
        });
        return new ContextMenu(save, copy);
    }

    static synchronized Image image(OutputItem.Figure figure) {
        return DECODED.computeIfAbsent(figure, f -> new Image(new ByteArrayInputStream(f.png())));
    }

    private void enlarge() {
        Image image = image(figure);
        ImageView large = new ImageView(image);
        large.setPreserveRatio(true);
        ScrollPane scroll = new ScrollPane(large);
        scroll.setPannable(true);
        Stage stage = new Stage();
        stage.initOwner(getScene().getWindow());
        stage.setTitle("Figure");
        Scene scene = new Scene(scroll, Math.min(image.getWidth() + 24, 1400), Math.min(image.getHeight() + 24, 1000));
        scene.getStylesheets().setAll(getScene().getStylesheets());
        stage.setScene(scene);
        stage.show();
    }

    private void save(Window owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save figure");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        chooser.setInitialFileName("figure.png");
        java.io.File file = chooser.showSaveDialog(owner);
        if (file != null) {
            try {
                Files.write(file.toPath(), figure.png());
            } catch (IOException e) {
                new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.ERROR,
                        "Could not save the figure: " + e.getMessage()).showAndWait();
            }
        }
    }
}
