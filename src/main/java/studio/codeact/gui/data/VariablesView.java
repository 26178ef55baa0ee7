package studio.codeact.gui.data;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import studio.codeact.engine.VariableInfo;

import java.util.function.Consumer;

/** The variables panel: name, type, shape and size; double-click a DataFrame to browse it. */
public final class VariablesView extends BorderPane {

    private final TableView<VariableInfo> table = new TableView<>();

    public VariablesView(VariablesViewModel model, Consumer<VariableInfo> openTable) {
        getStyleClass().add("variables-view");
        table.setItems(model.variables());
        table.setPlaceholder(new Label("No variables yet."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Name", VariableInfo::name, 90));
        table.getColumns().add(column("Type", VariableInfo::type, 80));
        table.getColumns().add(column("Shape", VariableInfo::shape, 80));
        table.getColumns().add(column("Size", v -> Sizes.bytes(v.bytes()), 60));
        table.setRowFactory(view -> {
            TableRow<VariableInfo> row = new TableRow<>() {
                @Override
                protected void updateItem(VariableInfo item, boolean empty) {
                    super.updateItem(item, empty);
                    setTooltip(empty || item == null ? null : new Tooltip(item.summary()));
                }
            };
            row.setOnMouseClicked(event -> {
                if (event.getClickCount() == 2 && !row.isEmpty() && row.getItem().isTable()) {
                    openTable.accept(row.getItem());
                }
            });
            return row;
        });
        Label problem = new Label();
        problem.getStyleClass().add("muted");
        problem.textProperty().bind(model.problemProperty());
        problem.visibleProperty().bind(model.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        setCenter(table);
        setBottom(problem);
    }

    public TableView<VariableInfo> table() {
        return table;
    }

    private static TableColumn<VariableInfo, String> column(String title, java.util.function.Function<VariableInfo, String> value, double width) {
        TableColumn<VariableInfo, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        return column;
    }
}
