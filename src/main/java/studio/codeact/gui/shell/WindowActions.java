package studio.codeact.gui.shell;

import java.nio.file.Path;
import java.util.List;

/**
 * What the main window's menus, toolbar and drops ask the application to do: dialogs, file
 * choosers and sessions, which need the stage or the services the app was built with.
 * Called on the FX thread.
 */
public interface WindowActions {

    void openSettings();

    void openDemo();

    void newSession();

    void openSession();

    void openRecent(String session);

    void saveSession();

    /** Export the session; {@code format} is {@code ipynb}, {@code py} or {@code html}. */
    void export(String format);

    /** File → Open data: choose files to load. */
    void chooseData();

    /** Data files dropped on the window. */
    void loadData(List<Path> files);

    /** Opens a file or folder with the desktop's default application. */
    void open(Path file);

    /** Shows a DataFrame variable in its own window. */
    void previewTable(String variable);

    /** Closes the window (asking first when work is under way). */
    void quit();
}
