package studio.codeact.gui;

import javafx.application.Application;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Starts the desktop app. Not an {@link Application} itself: with JavaFX on the class path
 * (not the module path) the launcher's main class must not extend it.
 *
 * <p>{@code java -cp target/codeact.jar:target/lib/* studio.codeact.gui.Desktop}
 */
public final class Desktop {

    private Desktop() {
    }

    /**
     * {@code codeact-studio [FILE…]}: opens the window with those data files loaded, or — when a
     * window is already open — hands them to it ({@link SingleInstance}) and exits.
     * {@code -Dcodeact.single-instance=false} always opens a new window.
     */
    public static void main(String[] args) {
        // The launchers point the JVM's crash log there (-XX:ErrorFile); it must exist.
        studio.codeact.session.StateFolder.ensure(System.getenv());
        List<Path> files = Arrays.stream(args).filter(arg -> !arg.startsWith("--")).map(Path::of).toList();
        if (!"false".equals(System.getProperty("codeact.single-instance"))) {
            try {
                Optional<SingleInstance> first = SingleInstance.claim(SingleInstance.defaultSocket(System.getenv()), files);
                if (first.isEmpty()) {
                    System.err.println("codeact: CodeAct Studio is already open; " + (files.isEmpty() ? "it was brought to the front"
                            : "it loads " + String.join(", ", files.stream().map(Path::toString).toList())));
                    return;
                }
                StudioApp.listen(first.get());
            } catch (IOException e) {
                System.err.println("codeact: could not reach an open window (" + e.getMessage() + "); opening a new one");
            }
        }
        Application.launch(StudioApp.class, args);
    }
}
