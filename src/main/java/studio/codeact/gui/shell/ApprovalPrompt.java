package studio.codeact.gui.shell;

import javafx.stage.Stage;
import studio.codeact.gui.Theme;
import studio.codeact.gui.approval.ApprovalDialog;
import studio.codeact.gui.approval.ApprovalViewModel;
import studio.codeact.gui.approval.Decision;

import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;

/** Asks the user about one action the assistant wants to run (ask-before-running). Called on the FX thread. */
final class ApprovalPrompt {

    private final Stage stage;
    private final IntSupplier fontSize;

    ApprovalPrompt(Stage stage, IntSupplier fontSize) {
        this.stage = stage;
        this.fontSize = fontSize;
    }

    /** Shows {@code action} in the approval dialog; completes with the user's decision (closing it rejects). */
    CompletableFuture<Decision> ask(ApprovalViewModel action) {
        CompletableFuture<Decision> decided = new CompletableFuture<>();
        ApprovalDialog dialog = new ApprovalDialog(stage, action);
        Theme.style(dialog.getDialogPane(), fontSize.getAsInt());
        dialog.setOnHidden(event -> decided.complete(dialog.getResult() == null ? action.reject() : dialog.getResult()));
        dialog.show();
        return decided;
    }
}
