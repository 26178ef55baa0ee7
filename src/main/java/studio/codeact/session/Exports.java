package studio.codeact.session;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Writes a session's three exports into its folder. */
public final class Exports {

    public static final String NOTEBOOK_FILE = "notebook.ipynb";
    public static final String SCRIPT_FILE = "analysis.py";
    public static final String TRAJECTORY_FILE = "trajectory.jsonl";

    private Exports() {
    }

    public static void writeAll(Session session, Path folder) {
        AtomicFiles.write(folder.resolve(NOTEBOOK_FILE), NotebookExport.toJson(session).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(folder.resolve(SCRIPT_FILE), ScriptExport.toScript(session).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(folder.resolve(TRAJECTORY_FILE), (TrajectoryExport.toJsonLine(session) + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
