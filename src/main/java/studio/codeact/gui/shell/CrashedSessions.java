package studio.codeact.gui.shell;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Stage;
import studio.codeact.session.AbandonedSessions;
import studio.codeact.session.SessionException;
import studio.codeact.session.SessionRecovery;

import java.lang.System.Logger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * At start, the sessions a dead process left running (a crash, a kill) are closed as crashed
 * and the newest is offered for reopening. Recovery runs on a worker; the offer on the FX thread.
 */
final class CrashedSessions {

    private static final Logger LOG = System.getLogger(CrashedSessions.class.getName());

    static final ButtonType REOPEN = new ButtonType("Reopen", ButtonBar.ButtonData.OK_DONE);
    static final ButtonType NOT_NOW = new ButtonType("Not now", ButtonBar.ButtonData.CANCEL_CLOSE);

    private CrashedSessions() {
    }

    record Recovered(Path folder, SessionRecovery.Outcome outcome) {
    }

    /** Worker thread: recovers every abandoned session under {@code root}, newest first. */
    static List<Recovered> recover(Path root) {
        List<Recovered> recovered = new ArrayList<>();
        for (Path folder : AbandonedSessions.find(root)) {
            try {
                recovered.add(new Recovered(folder, SessionRecovery.recover(folder, "the app stopped while it was running")));
            } catch (SessionException e) {
                LOG.log(Logger.Level.WARNING, "could not recover the session in " + folder + ": " + e.getMessage());
            }
        }
        return recovered;
    }

    /** FX thread: says what happened and offers to open the session. */
    static void offerReopen(Stage owner, Recovered newest, int count, Consumer<Path> open) {
        String cell = newest.outcome().cell().isPresent() ? " while cell " + newest.outcome().cell().getAsInt() + " ran" : "";
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "", REOPEN, NOT_NOW);
        alert.initOwner(owner);
        alert.setTitle("A session did not close");
        alert.setHeaderText("CodeAct Studio stopped unexpectedly" + cell + ".");
        alert.setContentText("The session \u201c" + newest.folder().getFileName() + "\u201d is saved as crashed, with everything it recorded"
                + (count > 1 ? " (and " + (count - 1) + " older one" + (count > 2 ? "s" : "") + ")" : "")
                + ". Code that crashes the app can run in a separate process: Settings \u2192 Python engine \u2192 kernel.\n\nReopen it?");
        alert.getDialogPane().getStyleClass().add("crashed-session");
        alert.resultProperty().addListener((obs, old, choice) -> {
            if (choice == REOPEN) {
                open.accept(newest.folder());
            }
        });
        alert.show();
    }
}
