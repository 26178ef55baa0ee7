package studio.codeact.gui.data;

import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.util.Locale;
import java.util.function.Consumer;

/** The datasets panel: each file with its variable, shape and columns; click a loaded one to preview it. */
public final class DatasetsView extends BorderPane {

    private final ListView<DatasetsViewModel.Dataset> list = new ListView<>();

    /**
     * @param preview opens a preview table of a loaded dataset
     * @param openData asks for files to load (File → Open data)
     */
    public DatasetsView(DatasetsViewModel model, Consumer<DatasetsViewModel.Dataset> preview, Runnable openData) {
        getStyleClass().add("datasets-view");
        getStylesheets().add(DatasetsView.class.getResource("data.css").toExternalForm());
        list.setItems(model.datasets());
        Label hint = new Label("Drop CSV, TSV, Excel, JSON or Parquet files anywhere on the window.");
        hint.setWrapText(true);
        hint.getStyleClass().addAll("muted", "panel-hint");
        list.setPlaceholder(hint);
        list.setCellFactory(view -> new Row(list));
        list.setOnMouseClicked(event -> {
            DatasetsViewModel.Dataset selected = list.getSelectionModel().getSelectedItem();
            if (selected != null && selected.state() == DatasetsViewModel.State.LOADED) {
                preview.accept(selected);
            }
        });
        Button open = new Button("Open data…");
        open.setOnAction(event -> openData.run());
        HBox bar = new HBox(6, open);
        bar.getStyleClass().add("panel-bar");
        setCenter(list);
        setBottom(bar);
    }

    public ListView<DatasetsViewModel.Dataset> list() {
        return list;
    }

    private static final class Row extends ListCell<DatasetsViewModel.Dataset> {
        private final Label name = new Label();
        private final Label state = new Label();
        private final Label shape = new Label();
        private final Label detail = new Label();
        private final VBox box;
        private final javafx.beans.value.ChangeListener<DatasetsViewModel.State> stateStyle = (obs, old, now) -> style(now);
        private DatasetsViewModel.Dataset bound;

        Row(ListView<DatasetsViewModel.Dataset> list) {
            setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
            name.getStyleClass().add("dataset-name");
            state.getStyleClass().add("dataset-state");
            shape.getStyleClass().add("dataset-shape");
            detail.getStyleClass().add("dataset-detail");
            detail.setWrapText(true);
            detail.setMinHeight(USE_PREF_SIZE);
            shape.managedProperty().bind(shape.textProperty().isNotEmpty());
            shape.visibleProperty().bind(shape.managedProperty());
            HBox top = new HBox(6, name, state);
            top.setAlignment(Pos.CENTER_LEFT);
            box = new VBox(2, top, shape, detail);
            box.getStyleClass().add("dataset-row");
            box.prefWidthProperty().bind(list.widthProperty().subtract(30));
            box.setMaxWidth(USE_PREF_SIZE);
        }

        @Override
        protected void updateItem(DatasetsViewModel.Dataset item, boolean empty) {
            super.updateItem(item, empty);
            name.textProperty().unbind();
            state.textProperty().unbind();
            shape.textProperty().unbind();
            detail.textProperty().unbind();
            if (bound != null) {
                bound.stateProperty().removeListener(stateStyle);
                bound = null;
            }
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            name.textProperty().bind(Bindings.createStringBinding(() -> item.variable().isEmpty()
                    ? item.file().getFileName().toString()
                    : item.variable() + "  ←  " + item.file().getFileName(), item.variableProperty()));
            state.textProperty().bind(Bindings.createStringBinding(() -> switch (item.state()) {
                case QUEUED -> "queued";
                case LOADING -> "loading…";
                case LOADED -> "";
                case FAILED -> "failed";
            }, item.stateProperty()));
            shape.textProperty().bind(item.shapeProperty());
            detail.textProperty().bind(item.detailProperty());
            bound = item;
            item.stateProperty().addListener(stateStyle);
            style(item.state());
            setGraphic(box);
        }

        private void style(DatasetsViewModel.State now) {
            box.getStyleClass().removeAll("queued", "loading", "loaded", "failed");
            box.getStyleClass().add(now.name().toLowerCase(Locale.ROOT));
        }
    }
}
