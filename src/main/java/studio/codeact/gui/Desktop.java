package studio.codeact.gui;

import javafx.application.Application;

/**
 * Starts the desktop app. Not an {@link Application} itself: with JavaFX on the class path
 * (not the module path) the launcher's main class must not extend it.
 *
 * <p>{@code java -cp target/codeact.jar:target/lib/* studio.codeact.gui.Desktop}
 */
public final class Desktop {

    private Desktop() {
    }

    public static void main(String[] args) {
        // The launchers point the JVM's crash log there (-XX:ErrorFile); it must exist.
        studio.codeact.session.StateFolder.ensure(System.getenv());
        Application.launch(StudioApp.class, args);
    }
}
