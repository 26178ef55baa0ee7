package studio.codeact.installers;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Run by {@link InstallersIT} with the app image's own Java runtime and JavaFX jars: shows a
 * window on the X display, prints {@code shown}, then exits, or with {@code --stay} keeps the
 * window open until killed. Proves the trimmed runtime can start the desktop UI.
 */
public final class FxProbe {

    private FxProbe() {
    }

    public static void main(String[] args) throws InterruptedException {
        boolean stay = args.length > 0 && args[0].equals("--stay");
        CountDownLatch shown = new CountDownLatch(1);
        Platform.startup(() -> {
            Stage stage = new Stage();
            stage.setTitle("CodeAct Studio probe");
            stage.setScene(new Scene(new Label("probe"), 240, 120));
            stage.show();
            System.out.println((stage.isShowing() ? "shown" : "not shown") + " javafx " + System.getProperty("javafx.runtime.version"));
            System.out.flush();
            shown.countDown();
        });
        if (!shown.await(60, TimeUnit.SECONDS)) {
            System.out.println("timed out waiting for the window");
            System.exit(2);
        }
        if (!stay) {
            Platform.exit();
            System.exit(0);
        }
    }
}
