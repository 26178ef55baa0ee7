package studio.codeact.gui.shell;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Stage;
import studio.codeact.gui.Messages;
import studio.codeact.gui.Ticker;
import studio.codeact.gui.UiExecutor;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Closing the window: asks first when work is under way, then stops the work, remembers the
 * window, shuts the engine down (on a worker, within a limit) and runs what comes after.
 * Called on the FX thread.
 */
final class QuitFlow {

    /** How long closing waits for the engine to shut down before the window's process goes on without it. */
    private static final int ENGINE_SHUTDOWN_LIMIT_SECONDS = 10;

    private final Stage stage;
    private final MainViewModel model;
    private final MainWindow window;
    private final Ticker ticker;
    private final Executor workers;
    private final Runnable onClosed;

    QuitFlow(Stage stage, MainViewModel model, MainWindow window, Ticker ticker, Executor workers, Runnable onClosed) {
        this.stage = stage;
        this.model = model;
        this.window = window;
        this.ticker = ticker;
        this.workers = workers;
        this.onClosed = onClosed;
    }

    /** Closes, after the user confirms when code is still running. */
    void quit() {
        if (model.busy()) {
            Alert ask = new Alert(Alert.AlertType.CONFIRMATION,
                    "Code is still running. Stop it and close CodeAct Studio?", ButtonType.CANCEL, ButtonType.OK);
            ask.initOwner(stage);
            ask.setHeaderText("Work is under way");
            if (ask.showAndWait().orElse(ButtonType.CANCEL) != ButtonType.OK) {
                return;
            }
        }
        close();
    }

    /** Closes without asking. Completes after {@code onClosed} was handed to the FX thread. */
    CompletableFuture<Void> close() {
        model.interrupt();
        model.rememberWindow(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), stage.isMaximized(), window.dividerPositions());
        ticker.close();
        stage.hide();
        return CompletableFuture.runAsync(model.engine()::shutdown, workers)
                .orTimeout(ENGINE_SHUTDOWN_LIMIT_SECONDS, TimeUnit.SECONDS)
                .handle((ok, error) -> {
                    if (error != null) { // the window is gone: the log is the only place left to say it
                        System.getLogger(Studio.class.getName()).log(System.Logger.Level.WARNING,
                                "the Python engine did not shut down cleanly: " + Messages.sentence(error), error);
                    }
                    return null;
                })
                .thenRun(() -> UiExecutor.fx().execute(onClosed));
    }
}
