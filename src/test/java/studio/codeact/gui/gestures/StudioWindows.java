package studio.codeact.gui.gestures;

import javafx.application.Platform;
import org.testfx.util.WaitForAsyncUtils;
import studio.codeact.gui.chat.ChatViewModel;
import studio.codeact.gui.shell.Studio;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** What gesture tests do with a whole window: wait until it is idle, close it. */
final class StudioWindows {

    private StudioWindows() {
    }

    /** Waits until the chat is idle and no cell runs, then for the FX events that follow. */
    static void waitUntilIdle(Studio studio) throws TimeoutException {
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> studio.model().chat().state() == ChatViewModel.State.IDLE
                && studio.model().notebook().activeProperty().get() == 0);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Closes the window on the FX thread and waits until its engine has shut down. */
    static void close(Studio studio) throws Exception {
        CompletableFuture<CompletableFuture<Void>> closing = new CompletableFuture<>();
        Platform.runLater(() -> closing.complete(studio.close()));
        closing.get(30, TimeUnit.SECONDS).get(30, TimeUnit.SECONDS);
    }
}
