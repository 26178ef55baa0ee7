package studio.codeact.gui.table;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;

/**
 * A virtualised table over a {@link FrameTableViewModel}: only visible rows become cells, and
 * their values are read from the model's page cache. Clicking a header sorts in Python.
 */
public final class FrameTableView extends VBox {

    private static final double ROW_HEIGHT = 24;
    private static final double HEADER_AND_SCROLLBAR = 62;

    private final FrameTableViewModel model;
    private final TableView<Integer> table = new TableView<>();
    private final RowIndexList rows = new RowIndexList();
    private final Label caption = new Label();
    private boolean indexFitted;

    /**
     * @param maxVisibleRows how many rows fit before the table scrolls (its height follows)
     */
    public FrameTableView(FrameTableViewModel model, int maxVisibleRows) {
        this.model = model;
        getStyleClass().add("frame-table");
        getStylesheets().add(FrameTableView.class.getResource("table.css").toExternalForm());
        table.setItems(rows);
        table.setFixedCellSize(ROW_HEIGHT);
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(new Label("Loading…"));
        table.setSortPolicy(view -> {
            if (view.getSortOrder().isEmpty()) {
                model.sortBy(null, true);
            } else {
                TableColumn<Integer, ?> first = view.getSortOrder().getFirst();
                model.sortBy((String) first.getUserData(), first.getSortType() == TableColumn.SortType.ASCENDING);
            }
            return true;
        });
        caption.getStyleClass().add("frame-caption");

        model.columns().addListener((ListChangeListener<FrameTableViewModel.Column>) change -> buildColumns());
        model.totalRowsProperty().addListener((obs, old, now) -> {
            rows.resize((int) Math.min(Integer.MAX_VALUE - 1, now.longValue()));
            updateCaption();
            fitHeight(maxVisibleRows);
        });
        model.revisionProperty().addListener((obs, old, now) -> {
            fitIndexColumn();
            table.refresh();
        });
        model.stateProperty().addListener((obs, old, now) -> updateCaption());
        model.errorProperty().addListener((obs, old, now) -> table.setPlaceholder(new Label(now)));
        buildColumns();
        fitHeight(maxVisibleRows);
        getChildren().addAll(caption, table);
        updateCaption();
    }

    public FrameTableViewModel model() {
        return model;
    }

    /** The table itself (tests scroll it). */
    public TableView<Integer> table() {
        return table;
    }

    private void fitHeight(int maxVisibleRows) {
        long total = Math.max(1, model.totalRowsProperty().get());
        // rows, the header (taller than a row in the theme) and room for a horizontal scroll bar
        double height = ROW_HEIGHT * Math.min(total, maxVisibleRows) + HEADER_AND_SCROLLBAR;
        table.setPrefHeight(height);
        table.setMinHeight(height);
    }

    private void updateCaption() {
        long total = model.totalRowsProperty().get();
        String state = switch (model.stateProperty().get()) {
            case LOADING -> "loading…";
            case FAILED -> model.errorProperty().get();
            case READY -> String.format("%,d rows × %d columns", total, model.columns().size());
        };
        // IPython's output-history names (_3) mean nothing to a reader: the caption then shows only the shape.
        String name = model.variable().startsWith("_") ? "" : model.variable();
        caption.setText(name.isEmpty() ? state : name + " — " + state);
    }

    /** The index column as wide as the labels of the first rows (text labels such as feature names are common). */
    private void fitIndexColumn() {
        if (indexFitted || table.getColumns().isEmpty() || model.stateProperty().get() != FrameTableViewModel.State.READY) {
            return;
        }
        int longest = 0;
        long rows = Math.min(model.totalRowsProperty().get(), FrameTableViewModel.PAGE_ROWS);
        for (int row = 0; row < rows; row++) {
            Object label = model.indexAt(row);
            if (label != FrameTableViewModel.LOADING) {
                longest = Math.max(longest, label.toString().length());
            }
        }
        table.getColumns().getFirst().setPrefWidth(Math.clamp(longest * 8L + 24, 60, 280));
        indexFitted = true;
    }

    private void buildColumns() {
        indexFitted = false;
        table.getColumns().clear();
        TableColumn<Integer, Object> index = new TableColumn<>("");
        index.setSortable(false);
        index.getStyleClass().add("index-column");
        index.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(model.indexAt(cell.getValue())));
        index.setCellFactory(column -> new ValueCell(true));
        index.setPrefWidth(70);
        table.getColumns().add(index);
        int position = 0;
        for (FrameTableViewModel.Column column : model.columns()) {
            int at = position++;
            TableColumn<Integer, Object> tc = new TableColumn<>(column.name());
            tc.setUserData(column.name());
            tc.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(model.valueAt(cell.getValue(), at)));
            tc.setCellFactory(c -> new ValueCell(column.numeric()));
            tc.setPrefWidth(Math.max(80, Math.min(220, column.name().length() * 9 + 30)));
            table.getColumns().add(tc);
        }
        updateCaption();
    }

    private static final class ValueCell extends TableCell<Integer, Object> {
        ValueCell(boolean rightAligned) {
            setAlignment(rightAligned ? Pos.CENTER_RIGHT : Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(Object item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().removeAll("missing", "loading");
            if (empty) {
                setText(null);
            } else if (item == FrameTableViewModel.LOADING) {
                setText("…");
                getStyleClass().add("loading");
            } else if (item == null) {
                setText("NaN");
                getStyleClass().add("missing");
            } else {
                setText(CellFormat.format(item));
            }
        }
    }
}
