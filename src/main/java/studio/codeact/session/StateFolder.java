package studio.codeact.session;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The app's log folder: {@code $XDG_STATE_HOME/codeact-studio}, else
 * {@code ~/.local/state/codeact-studio}. JVM crash logs ({@code hs_err_pid*.log}) and the
 * command line's run records go there, never into a session's {@code work/} folder.
 */
public final class StateFolder {

    private StateFolder() {
    }

    public static Path of(Map<String, String> env) {
        String state = env.get("XDG_STATE_HOME");
        if (state != null && !state.isBlank()) {
            return Path.of(state.trim()).resolve("codeact-studio");
        }
        String home = env.get("HOME");
        Path base = home != null && !home.isBlank() ? Path.of(home.trim()) : Path.of(System.getProperty("user.home"));
        return base.resolve(".local").resolve("state").resolve("codeact-studio");
    }

    /**
     * The folder, created if missing (so the JVM can write a crash log there) and readable by the
     * user alone: crash logs and run records hold paths, code and data of the analysis.
     */
    public static Path ensure(Map<String, String> env) {
        Path folder = of(env);
        try {
            PrivateFiles.createFolders(folder);
            PrivateFiles.restrict(folder); // one made by an older version, or by the launcher's mkdir
        } catch (IOException e) {
            // The JVM falls back to its working folder or /tmp; nothing else depends on it.
        }
        return folder;
    }
}
