package studio.codeact.gui.approval;

import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;
import studio.codeact.gui.cells.PythonHighlighter;

/**
 * "Ask before running code": shows the action the model wants to run in an editor; Run (as is or
 * edited) or Reject with an optional reason for the model.
 */
public final class ApprovalDialog extends Dialog<Decision> {

    public static final ButtonType RUN = new ButtonType("Run", ButtonBar.ButtonData.OK_DONE);
    public static final ButtonType REJECT = new ButtonType("Reject", ButtonBar.ButtonData.CANCEL_CLOSE);

    private final CodeArea editor = new CodeArea();

    public ApprovalDialog(Window owner, ApprovalViewModel model) {
        initOwner(owner);
        setTitle("Run this code?");
        setHeaderText("The assistant wants to run cell " + model.cellNumber() + ". Edit it if you like, then run or reject it.");
        editor.getStyleClass().add("cell-editor");
        editor.getStylesheets().add(PythonHighlighter.class.getResource("cells.css").toExternalForm());
        editor.setParagraphGraphicFactory(LineNumberFactory.get(editor));
        editor.textProperty().addListener((obs, old, now) -> {
            editor.setStyleSpans(0, PythonHighlighter.highlight(now));
            model.codeProperty().set(now);
        });
        editor.replaceText(model.codeProperty().get());
        VirtualizedScrollPane<CodeArea> scroll = new VirtualizedScrollPane<>(editor);
        scroll.setPrefSize(720, 340);

        Label edited = new Label("Edited — your version will run.");
        edited.getStyleClass().add("muted");
        edited.visibleProperty().bind(model.editedProperty());
        TextField reason = new TextField();
        reason.setPromptText("Why not? (optional, the assistant reads it)");
        reason.textProperty().bindBidirectional(model.reasonProperty());

        VBox content = new VBox(8, scroll, edited, reason);
        getDialogPane().setContent(content);
        getDialogPane().getButtonTypes().setAll(REJECT, RUN);
        getDialogPane().getStyleClass().add("approval-dialog");
        setResizable(true);
        setResultConverter(button -> button == RUN ? model.run() : model.reject());
    }

    public CodeArea editor() {
        return editor;
    }
}
