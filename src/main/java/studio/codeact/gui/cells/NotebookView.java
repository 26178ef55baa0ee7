package studio.codeact.gui.cells;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The cell history: a virtualised list (only visible cells are laid out, each list cell reuses
 * one {@link CellView}), with an "add cell" bar at the bottom.
 */
public final class NotebookView extends BorderPane {

    private final NotebookViewModel model;
    private final ListView<CellViewModel> list = new ListView<>();

    public NotebookView(NotebookViewModel model) {
        this.model = model;
        getStyleClass().add("notebook-view");
        getStylesheets().add(NotebookView.class.getResource("cells.css").toExternalForm());
        list.setItems(model.cells());
        list.getStyleClass().add("cell-list");
        list.setCellFactory(view -> new Row(model, list));
        list.setFocusTraversable(false);

        Label empty = new Label("No cells yet. Ask a question in the chat, drop a data file here,\nor add a cell and run Python yourself.");
        empty.getStyleClass().add("empty-hint");
        Button add = new Button("+ Add cell");
        add.getStyleClass().add("add-cell");
        add.setOnAction(event -> addAndFocus());
        VBox placeholder = new VBox(12, empty);
        placeholder.setAlignment(Pos.CENTER);
        list.setPlaceholder(placeholder);

        Button addBottom = new Button("+ Code cell");
        addBottom.getStyleClass().add("add-cell");
        addBottom.setOnAction(event -> addAndFocus());
        HBox bar = new HBox(8, addBottom);
        bar.getStyleClass().add("notebook-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        setCenter(list);
        setBottom(bar);
        // The last cell, when it finishes, shows its outputs (a figure below the fold comes into view).
        model.onCellFinished(cell -> {
            if (!model.cells().isEmpty() && model.cells().getLast() == cell) {
                javafx.application.Platform.runLater(() -> scrollTo(cell));
            }
        });
        // A new cell (the assistant's next action, or one added by hand) scrolls into view.
        model.cells().addListener((javafx.collections.ListChangeListener<CellViewModel>) change -> {
            while (change.next()) {
                if (change.wasAdded() && !change.wasRemoved()) {
                    CellViewModel added = change.getAddedSubList().getLast();
                    javafx.application.Platform.runLater(() -> scrollTo(added));
                }
            }
        });
    }

    public ListView<CellViewModel> list() {
        return list;
    }

    /** Adds a cell at the end, scrolls to it and puts the caret in its editor. */
    public CellViewModel addAndFocus() {
        CellViewModel cell = model.addCell("");
        scrollTo(cell);
        javafx.application.Platform.runLater(() -> list.lookupAll(".cell-view").stream()
                .map(CellView.class::cast)
                .filter(view -> view.cell() == cell)
                .findFirst()
                .ifPresent(view -> view.editor().requestFocus()));
        return cell;
    }

    /** Scrolls so that {@code cell} is in view. */
    public void scrollTo(CellViewModel cell) {
        int index = model.cells().indexOf(cell);
        if (index < 0) {
            return;
        }
        // The list's own scrollTo leans on estimated cell heights, which tall cells (figures, tables) throw off.
        if (list.lookup(".virtual-flow") instanceof javafx.scene.control.skin.VirtualFlow<?> flow) {
            flow.scrollTo(index);
        } else {
            list.scrollTo(index);
        }
    }

    private static final class Row extends ListCell<CellViewModel> {
        private final CellView view;

        Row(NotebookViewModel model, ListView<CellViewModel> list) {
            view = new CellView(model);
            view.prefWidthProperty().bind(list.widthProperty().subtract(32));
            view.setMaxWidth(USE_PREF_SIZE);
            setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
            getStyleClass().add("cell-row");
        }

        @Override
        protected void updateItem(CellViewModel item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                view.unbind();
                setGraphic(null);
            } else {
                view.bind(item);
                setGraphic(view);
            }
        }
    }
}
