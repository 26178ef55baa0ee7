package studio.codeact.gui.shell;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Where the window's session lives: the folder it is recorded in, and the folder its code runs
 * in (the same, or the {@code work/} folder of a continued command-line session). Set on the FX
 * thread; read from workers (the engine factory) and the agent thread, hence volatile.
 */
final class SessionPlace {

    private volatile Path folder;
    private volatile Path workFolder;

    SessionPlace(Path first) {
        folder = first;
        workFolder = first;
    }

    /** The session's folder: the session is recorded there. */
    Path folder() {
        return folder;
    }

    /** Moves to another session: recorded in {@code session}, code runs in {@code work}. */
    void moveTo(Path session, Path work) {
        folder = session;
        workFolder = work;
    }

    /** The folder code runs in, created (readable by the user alone) the first time code needs it. */
    Path createdWorkFolder() {
        Path current = workFolder;
        try {
            return studio.codeact.session.PrivateFiles.createFolders(current);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the session folder " + current + ": " + e.getMessage(), e);
        }
    }
}
