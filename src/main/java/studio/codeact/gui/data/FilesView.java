package studio.codeact.gui.data;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.stage.FileChooser;
import studio.codeact.gui.Messages;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;

/**
 * The files panel: what the code wrote into the working folder; double-click opens, right-click
 * saves a copy. A file in a folder on the Jupyter server is downloaded into the local working
 * folder first, then opened.
 */
public final class FilesView extends BorderPane {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM d HH:mm").withZone(ZoneId.systemDefault());

    private final TableView<FilesViewModel.FileEntry> table = new TableView<>();

    /**
     * @param open opens a file or folder with the desktop's default application
     */
    public FilesView(FilesViewModel model, Consumer<Path> open) {
        getStyleClass().add("files-view");
        table.setItems(model.files());
        table.setPlaceholder(new Label("Nothing written yet."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<FilesViewModel.FileEntry, String> name = new TableColumn<>("File");
        name.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().relative()));
        name.setPrefWidth(150);
        TableColumn<FilesViewModel.FileEntry, String> size = new TableColumn<>("Size");
        size.setCellValueFactory(c -> new ReadOnlyStringWrapper(Sizes.bytes(c.getValue().bytes())));
        size.setPrefWidth(60);
        TableColumn<FilesViewModel.FileEntry, String> modified = new TableColumn<>("Modified");
        modified.setCellValueFactory(c -> new ReadOnlyStringWrapper(TIME.format(c.getValue().modified())));
        table.getColumns().add(name);
        table.getColumns().add(size);
        table.getColumns().add(modified);
        table.setRowFactory(view -> {
            TableRow<FilesViewModel.FileEntry> row = new TableRow<>();
            MenuItem openItem = new MenuItem("Open");
            openItem.setOnAction(event -> open(model, row.getItem(), open));
            MenuItem save = new MenuItem("Save a copy…");
            save.setOnAction(event -> saveCopy(model, row.getItem()));
            ContextMenu menu = new ContextMenu(openItem, save);
            row.contextMenuProperty().bind(javafx.beans.binding.Bindings.when(row.emptyProperty()).then((ContextMenu) null).otherwise(menu));
            row.setOnMouseClicked(event -> {
                if (event.getClickCount() == 2 && !row.isEmpty()) {
                    open(model, row.getItem(), open);
                }
            });
            return row;
        });
        Label folder = new Label();
        folder.getStyleClass().add("muted");
        folder.setWrapText(true);
        folder.textProperty().bind(javafx.beans.binding.Bindings.when(model.onServerProperty())
                .then(javafx.beans.binding.Bindings.concat("On the server: ", model.locationProperty(), " (a file opens as a downloaded copy)"))
                .otherwise(model.locationProperty()));
        Button refresh = new Button("Refresh");
        refresh.setOnAction(event -> model.refresh());
        Button show = new Button("Open folder");
        show.setOnAction(event -> open.accept(model.folderProperty().get()));
        show.visibleProperty().bind(model.onServerProperty().not()); // the server's folder is not on this machine
        show.managedProperty().bind(show.visibleProperty());
        HBox bar = new HBox(6, refresh, show);
        bar.getStyleClass().add("panel-bar");
        Label problem = new Label();
        problem.getStyleClass().add("muted");
        problem.setWrapText(true);
        problem.textProperty().bind(model.problemProperty());
        problem.visibleProperty().bind(model.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        setTop(new javafx.scene.layout.VBox(2, folder, problem));
        setCenter(table);
        setBottom(bar);
    }

    /** Opens the file, or its downloaded copy; a failed download is said in a dialog. */
    private static void open(FilesViewModel model, FilesViewModel.FileEntry entry, Consumer<Path> open) {
        model.localCopy(entry).whenComplete((path, error) -> studio.codeact.gui.UiExecutor.fx().execute(() -> {
            if (error != null) {
                new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.ERROR,
                        "Could not download " + entry.relative() + ": " + Messages.sentence(error)).showAndWait();
            } else {
                open.accept(path);
            }
        }));
    }

    private void saveCopy(FilesViewModel model, FilesViewModel.FileEntry entry) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save a copy of " + entry.relative());
        chooser.setInitialFileName(entry.path().getFileName().toString());
        java.io.File target = chooser.showSaveDialog(getScene().getWindow());
        if (target != null) {
            model.copyTo(entry, target.toPath()).exceptionally(error -> {
                studio.codeact.gui.UiExecutor.fx().execute(() -> new javafx.scene.control.Alert(
                        javafx.scene.control.Alert.AlertType.ERROR, Messages.sentence(error)).showAndWait());
                return null;
            });
        }
    }
}
