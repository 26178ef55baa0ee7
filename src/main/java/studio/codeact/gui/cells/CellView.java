package studio.codeact.gui.cells;

import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;

import java.time.Duration;
import java.util.Locale;

/**
 * One cell on screen: a header (number, execution count, state, buttons), the code editor with
 * Python highlighting and line numbers, and the outputs. A list cell reuses one view for many
 * cells, so everything is bound in {@link #bind} and released in {@link #unbind}.
 */
public final class CellView extends VBox {

    static final KeyCombination RUN = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHIFT_DOWN);
    static final KeyCombination COMPLETE = new KeyCodeCombination(KeyCode.SPACE, KeyCombination.SHORTCUT_DOWN);

    private static final double LINE_HEIGHT_GUESS = 19;

    private final NotebookViewModel notebook;
    private final Label title = new Label();
    private final Label count = new Label();
    private final Label badge = new Label("agent");
    private final Label status = new Label();
    private final Button run = new Button("▶ Run");
    private final Button delete = new Button("✕");
    private final Button addBelow = new Button("+");
    private final CodeArea editor = new CodeArea();
    private final VBox outputs = new VBox();
    private final CompletionPopup completion;

    private CellViewModel cell;
    private boolean syncing;
    private final ChangeListener<String> sourceListener = (obs, old, now) -> pushToEditor(now);
    private final ChangeListener<Object> headerListener = (obs, old, now) -> updateHeader();
    private final ListChangeListener<OutputItem> outputsListener = change -> rebuildOutputs(change);

    public CellView(NotebookViewModel notebook) {
        this.notebook = notebook;
        getStyleClass().add("cell-view");
        getStylesheets().add(CellView.class.getResource("cells.css").toExternalForm());

        count.getStyleClass().add("cell-count");
        title.getStyleClass().add("cell-title");
        badge.getStyleClass().add("cell-badge");
        status.getStyleClass().add("cell-status");
        run.getStyleClass().addAll("cell-button", "run-button");
        run.setTooltip(new Tooltip("Run this cell (Shift+Enter)"));
        delete.getStyleClass().add("cell-button");
        delete.setTooltip(new Tooltip("Delete this cell"));
        addBelow.getStyleClass().add("cell-button");
        addBelow.setTooltip(new Tooltip("Add a cell below"));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(8, count, title, badge, status, spacer, run, addBelow, delete);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("cell-header");

        editor.getStyleClass().add("cell-editor");
        editor.setParagraphGraphicFactory(LineNumberFactory.get(editor));
        editor.setWrapText(true);
        editor.textProperty().addListener((obs, old, now) -> {
            editor.setStyleSpans(0, PythonHighlighter.highlight(now));
            fitEditorHeight();
            if (!syncing && cell != null) {
                cell.sourceProperty().set(now);
            }
        });
        editor.totalHeightEstimateProperty().addListener((obs, old, now) -> fitEditorHeight());
        editor.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        completion = new CompletionPopup(editor, notebook::complete);

        outputs.getStyleClass().add("cell-outputs");
        getChildren().addAll(header, editor, outputs);

        run.setOnAction(event -> runCell());
        delete.setOnAction(event -> {
            if (cell != null) {
                notebook.delete(cell);
            }
        });
        addBelow.setOnAction(event -> {
            if (cell != null) {
                notebook.addCellAfter(cell, "");
            }
        });
    }

    /** Shows {@code model}; releases whatever was shown before. */
    public void bind(CellViewModel model) {
        if (model == cell) {
            return;
        }
        unbind();
        cell = model;
        if (model == null) {
            return;
        }
        pushToEditor(model.source());
        editor.getUndoManager().forgetHistory();
        model.sourceProperty().addListener(sourceListener);
        model.stateProperty().addListener(headerListener);
        model.elapsedProperty().addListener(headerListener);
        model.executionCountProperty().addListener(headerListener);
        model.editedProperty().addListener(headerListener);
        model.outputs().addListener(outputsListener);
        updateHeader();
        rebuildOutputs(null);
    }

    public void unbind() {
        if (cell == null) {
            return;
        }
        cell.sourceProperty().removeListener(sourceListener);
        cell.stateProperty().removeListener(headerListener);
        cell.elapsedProperty().removeListener(headerListener);
        cell.executionCountProperty().removeListener(headerListener);
        cell.editedProperty().removeListener(headerListener);
        cell.outputs().removeListener(outputsListener);
        cell = null;
        outputs.getChildren().clear();
    }

    public CellViewModel cell() {
        return cell;
    }

    public CodeArea editor() {
        return editor;
    }

    private void runCell() {
        if (cell != null && !cell.state().active()) {
            notebook.run(cell);
        }
    }

    private void onKey(KeyEvent event) {
        if (RUN.match(event)) {
            event.consume();
            runCell();
        } else if (COMPLETE.match(event)) {
            event.consume();
            completion.request();
        } else if (event.getCode() == KeyCode.TAB && !event.isShiftDown() && completion.wordBeforeCaret()) {
            event.consume();
            completion.request();
        }
    }

    private void pushToEditor(String text) {
        if (text.equals(editor.getText())) {
            return;
        }
        syncing = true;
        try {
            editor.replaceText(text);
        } finally {
            syncing = false;
        }
    }

    /** The editor is as tall as its text (the list scrolls, not the editor). */
    private void fitEditorHeight() {
        Double estimate = editor.getTotalHeightEstimate();
        double height = estimate != null && estimate > 0
                ? estimate + 8
                : Math.max(1, editor.getParagraphs().size()) * LINE_HEIGHT_GUESS + 8;
        editor.setPrefHeight(height);
        editor.setMinHeight(height);
    }

    private void updateHeader() {
        if (cell == null) {
            return;
        }
        title.setText("Cell " + cell.number());
        int n = cell.executionCountProperty().get();
        count.setText(n > 0 ? "[" + n + "]" : "[ ]");
        // The model's code wears "agent"; the code that loaded the user's data files wears "data" (the user loaded them).
        badge.setText(cell.origin() == CellViewModel.Origin.DATA ? "data" : "agent");
        badge.setVisible(cell.origin() != CellViewModel.Origin.USER);
        badge.setManaged(badge.isVisible());
        CellViewModel.State state = cell.state();
        status.setText(statusText(state, cell.elapsedProperty().get(), cell.editedProperty().get()));
        String styleClass = state.name().toLowerCase(Locale.ROOT);
        // Only on a real change: touching style classes re-applies CSS to the whole cell (editor included),
        // and the header updates ten times a second while a cell runs.
        if (!getStyleClass().contains(styleClass)) {
            getStyleClass().removeAll("queued", "running", "done", "error", "interrupted", "idle");
            getStyleClass().add(styleClass);
        }
        run.setDisable(state.active());
        delete.setDisable(state.active());
    }

    static String statusText(CellViewModel.State state, Duration elapsed, boolean edited) {
        String time = seconds(elapsed);
        return switch (state) {
            case IDLE -> "";
            case QUEUED -> "queued";
            case RUNNING -> "running " + time;
            case DONE -> "done in " + time + (edited ? " · edited" : "");
            case ERROR -> "error after " + time + (edited ? " · edited" : "");
            case INTERRUPTED -> "interrupted after " + time;
        };
    }

    static String seconds(Duration elapsed) {
        double s = elapsed.toMillis() / 1000.0;
        return s < 10 ? String.format(Locale.ROOT, "%.1f s", s) : String.format(Locale.ROOT, "%.0f s", s);
    }

    private void rebuildOutputs(ListChangeListener.Change<? extends OutputItem> change) {
        if (change != null) {
            boolean onlyAdded = true;
            while (change.next()) {
                if (change.wasRemoved() || change.wasPermutated() || change.wasReplaced()) {
                    onlyAdded = false;
                }
            }
            if (onlyAdded) {
                change.reset();
                while (change.next()) {
                    for (OutputItem item : change.getAddedSubList()) {
                        outputs.getChildren().add(node(item));
                    }
                }
                return;
            }
        }
        outputs.getChildren().clear();
        for (OutputItem item : cell.outputs()) {
            outputs.getChildren().add(node(item));
        }
    }

    private Node node(OutputItem item) {
        return OutputViews.create(item, notebook.tableSource(), notebook.uiExecutor());
    }
}
