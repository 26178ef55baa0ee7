package studio.codeact.session;

import java.util.Locale;

/**
 * A session's code as one Python script: every cell that ran cleanly, in order, so
 * {@code python3 analysis.py} repeats the analysis. Cells that failed are kept as comments
 * (running them would stop the script); IPython-only lines ({@code %magic}, {@code !shell})
 * are commented out; a small prelude makes figures and {@code display()} work outside Jupyter.
 */
public final class ScriptExport {

    private ScriptExport() {
    }

    public static String toScript(Session session) {
        StringBuilder script = new StringBuilder();
        script.append("# CodeAct session ").append(session.id()).append('\n');
        script.append("# model: ").append(session.info().model()).append(" (").append(session.info().provider()).append(")")
                .append(", created ").append(session.created()).append('\n');
        for (Entry entry : session.entries()) {
            if (entry instanceof Entry.Question question) {
                script.append(comment("question: " + question.text()));
            }
        }
        script.append('\n').append(prelude(session)).append('\n');
        for (Entry entry : session.entries()) {
            if (entry instanceof Entry.CodeCell code) {
                script.append('\n').append(cell(code.cell()));
            } else if (entry instanceof Entry.Answer answer) {
                script.append('\n').append(comment("answer: " + answer.text().strip()));
            } else if (entry instanceof Entry.Resumed resumed) {
                script.append('\n').append(comment("run " + resumed.run() + " (continued " + resumed.at() + "): " + resumed.note()));
            }
        }
        return script.toString();
    }

    private static String prelude(Session session) {
        StringBuilder prelude = new StringBuilder();
        prelude.append("import os\n");
        prelude.append("if \"inline\" in os.environ.get(\"MPLBACKEND\", \"inline\"):\n");
        prelude.append("    os.environ[\"MPLBACKEND\"] = \"Agg\"  # figures render without a window (inline works only in Jupyter)\n");
        String folder = session.info().workingFolder();
        if (!folder.isEmpty()) {
            prelude.append("if os.path.isdir(").append(studio.codeact.engine.PythonLiteral.string(folder)).append("):\n");
            prelude.append("    os.chdir(").append(studio.codeact.engine.PythonLiteral.string(folder)).append(")  # the folder the session's code ran in\n");
        }
        prelude.append("try:\n");
        prelude.append("    from IPython.display import display\n");
        prelude.append("except ImportError:\n");
        prelude.append("    display = print\n");
        return prelude.toString();
    }

    private static String cell(Cell cell) {
        String title = cell.kind() == CellKind.SETUP
                ? String.format(Locale.ROOT, "# %%%% cell %d: load the datasets\n", cell.number())
                : String.format(Locale.ROOT, "# %%%% cell %d (turn %d)\n", cell.number(), cell.turn());
        if (cell.status() == CellStatus.OK) {
            return title + withoutIpythonSyntax(cell.code()) + "\n";
        }
        String why = switch (cell.status()) {
            case ERROR -> "it raised " + cell.error().map(e -> e.summary().lines().findFirst().orElse(e.ename())).orElse("an error");
            case TIMED_OUT -> "it ran past the cell timeout";
            case DIED -> "the interpreter died while it ran";
            case REJECTED -> "the user rejected it";
            case PENDING, ABORTED -> "it never finished";
            case OK -> "";
        };
        return title + "# not run here: " + why + "\n" + comment(cell.code());
    }

    private static String withoutIpythonSyntax(String code) {
        StringBuilder out = new StringBuilder();
        for (String line : code.split("\n", -1)) {
            String trimmed = line.stripLeading();
            if (trimmed.startsWith("%") || trimmed.startsWith("!")) {
                String indent = line.substring(0, line.length() - trimmed.length());
                out.append(indent).append("pass  # IPython only: ").append(trimmed);
            } else {
                out.append(line);
            }
            out.append('\n');
        }
        out.setLength(out.length() - 1);
        return out.toString();
    }

    private static String comment(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            out.append(line.isEmpty() ? "#" : "# " + line).append('\n');
        }
        return out.toString();
    }
}
