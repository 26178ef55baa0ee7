package studio.codeact.gui.approval;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One code action waiting for approval: the code as proposed (editable) and a reason for a
 * rejection. The decision says whether the user ran it as is, ran an edited version, or refused.
 */
public final class ApprovalViewModel {

    private final String proposed;
    private final int cellNumber;
    private final StringProperty code = new SimpleStringProperty(this, "code");
    private final StringProperty reason = new SimpleStringProperty(this, "reason", "");
    private final BooleanBinding edited;

    public ApprovalViewModel(int cellNumber, String proposed) {
        this.cellNumber = cellNumber;
        this.proposed = proposed;
        code.set(proposed);
        edited = Bindings.createBooleanBinding(() -> !code.get().equals(proposed), code);
    }

    // Properties

    public int cellNumber() {
        return cellNumber;
    }

    public String proposed() {
        return proposed;
    }

    /** The code to run; the editor binds to it. */
    public StringProperty codeProperty() {
        return code;
    }

    public StringProperty reasonProperty() {
        return reason;
    }

    public BooleanBinding editedProperty() {
        return edited;
    }

    // Commands

    /** Run: as proposed, or the edited code when the user changed it. */
    public Decision run() {
        return edited.get() ? new Decision.RunEdited(code.get()) : new Decision.Run();
    }

    public Decision reject() {
        return new Decision.Reject(reason.get().strip());
    }
}
