package studio.codeact.gui.shell;

import javafx.scene.Scene;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import studio.codeact.gui.Theme;
import studio.codeact.gui.UiExecutor;
import studio.codeact.gui.data.DatasetsViewModel;
import studio.codeact.gui.table.FrameTableView;
import studio.codeact.gui.table.FrameTableViewModel;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Data gestures: choose data files and load them, open a file with the desktop, preview a
 * DataFrame in its own window. Called on the FX thread.
 */
final class DataActions {

    private final Stage stage;
    private final MainViewModel model;
    private final DatasetsViewModel datasets;
    private final MainWindow window;
    private final Consumer<Path> opener;

    DataActions(Stage stage, MainViewModel model, DatasetsViewModel datasets, MainWindow window, Consumer<Path> opener) {
        this.stage = stage;
        this.model = model;
        this.datasets = datasets;
        this.window = window;
        this.opener = opener;
    }

    /** File → Open data: a chooser for the data files the window reads, then {@link #load}. */
    void choose() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open data");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Data files",
                DatasetsViewModel.EXTENSIONS.stream().map(ext -> "*." + ext).toList()));
        List<File> files = chooser.showOpenMultipleDialog(stage);
        if (files != null) {
            load(files.stream().map(File::toPath).toList());
        }
    }

    /** Loads {@code files} and shows the Datasets panel. */
    void load(List<Path> files) {
        datasets.load(files);
        window.showSidePanel("Datasets");
    }

    /** Opens a file or folder with the desktop's default application. */
    void open(Path file) {
        opener.accept(file);
    }

    /** Shows the DataFrame {@code variable} in its own window, styled like the main one. */
    void previewTable(String variable) {
        FrameTableViewModel table = new FrameTableViewModel(variable, model.notebook().tableSource(), UiExecutor.fx());
        FrameTableView view = new FrameTableView(table, 30);
        table.load();
        Stage preview = new Stage();
        preview.initOwner(stage);
        preview.setTitle(variable);
        Scene previewScene = new Scene(view, 900, 640);
        Theme.style(previewScene, model.darkProperty().get(), model.fontSizeProperty().get());
        preview.setScene(previewScene);
        preview.show();
    }
}
