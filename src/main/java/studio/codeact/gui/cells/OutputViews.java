package studio.codeact.gui.cells;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import studio.codeact.gui.markdown.MarkdownView;
import studio.codeact.gui.table.FrameTableView;
import studio.codeact.gui.table.FrameTableViewModel;
import studio.codeact.gui.table.SchemaTableSource;
import studio.codeact.gui.table.TableSource;

import java.util.concurrent.Executor;

/** Builds the node for one {@link OutputItem}. */
final class OutputViews {

    static final int TABLE_ROWS = 10;

    private OutputViews() {
    }

    static Node create(OutputItem item, TableSource engineTables, Executor ui) {
        return switch (item) {
            case OutputItem.StreamText stream -> new StreamView(stream);
            case OutputItem.Figure figure -> new FigureView(figure);
            case OutputItem.Table table -> table(table, engineTables, ui);
            case OutputItem.Text text -> monospace(text.text(), text.result() ? "result-text" : "display-text");
            case OutputItem.Markdown markdown -> new MarkdownView(markdown.markdown());
            case OutputItem.Error error -> new ErrorView(error);
            case OutputItem.Progress progress -> progress(progress);
        };
    }

    /** A live bar: tasks done of total, and the seconds so far. */
    static Node progress(OutputItem.Progress progress) {
        javafx.scene.control.ProgressBar bar = new javafx.scene.control.ProgressBar(progress.fraction());
        bar.setMaxWidth(Double.MAX_VALUE);
        Label label = new Label(progress.label());
        label.getStyleClass().add("progress-text");
        javafx.scene.layout.VBox box = new javafx.scene.layout.VBox(2, bar, label);
        box.getStyleClass().add("output-progress");
        return box;
    }

    static Label monospace(String text, String styleClass) {
        Label label = new Label(text);
        label.getStyleClass().addAll("output-text", styleClass);
        label.setWrapText(true);
        label.setMaxWidth(Double.MAX_VALUE);
        label.setMinHeight(Region.USE_PREF_SIZE);
        return label;
    }

    /**
     * A DataFrame result is paged from the engine by its variable; if the engine cannot read it
     * (evicted from history, a kernel without the helper), the schema's rows are shown instead.
     */
    private static Node table(OutputItem.Table table, TableSource engineTables, Executor ui) {
        SchemaTableSource schema = new SchemaTableSource(table.schemaJson());
        TableSource source = table.variable().<TableSource>map(name -> query -> engineTables.read(query)
                        .exceptionallyCompose(error -> schema.read(query)))
                .orElse(schema);
        String name = table.variable().filter(v -> !v.startsWith("_")).orElse("");
        FrameTableViewModel model = new FrameTableViewModel(table.variable().orElse(""), source, ui);
        FrameTableView view = new FrameTableView(model, TABLE_ROWS);
        model.load();
        VBox box = new VBox(view);
        box.getStyleClass().add("table-output");
        if (!name.isEmpty()) {
            box.setUserData(name);
        }
        return box;
    }
}
