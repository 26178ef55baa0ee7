package studio.codeact.gui.shell;

import javafx.stage.FileChooser;
import javafx.stage.Stage;
import studio.codeact.gui.Messages;
import studio.codeact.gui.UiExecutor;
import studio.codeact.gui.assistant.Assistant;
import studio.codeact.gui.chat.ChatItem;
import studio.codeact.gui.report.ExportFile;
import studio.codeact.gui.report.HtmlReport;

import java.io.File;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Session → Export: asks where (a file chooser for the format), then writes the HTML report
 * from what the window shows, or the notebook / script from the recorded session (the
 * assistant). Called on the FX thread; the file is written on a worker.
 */
final class ExportActions {

    private final Stage stage;
    private final MainViewModel model;
    private final Assistant assistant;
    private final Executor workers;

    ExportActions(Stage stage, MainViewModel model, Assistant assistant, Executor workers) {
        this.stage = stage;
        this.model = model;
        this.assistant = assistant;
        this.workers = workers;
    }

    /** Asks where to write the {@code format} export ({@code ipynb}, {@code py} or {@code html}), then writes it. */
    void export(String format) {
        String extension = switch (format) {
            case "ipynb" -> "ipynb";
            case "py" -> "py";
            default -> "html";
        };
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the session");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(switch (extension) {
            case "ipynb" -> "Jupyter notebook";
            case "py" -> "Python script";
            default -> "HTML report";
        }, "*." + extension));
        chooser.setInitialFileName(switch (extension) {
            case "py" -> "analysis";
            case "ipynb" -> "notebook";
            default -> "report";
        } + "." + extension);
        File target = chooser.showSaveDialog(stage);
        if (target != null) {
            exportTo(format, target.toPath());
        }
    }

    /** Writes the export without asking where; says in the chat where it went or why it failed. Completes with the file. */
    CompletableFuture<Path> exportTo(String format, Path target) {
        CompletableFuture<Path> written;
        if (format.equals("html")) {
            String html = HtmlReport.render(stage.getTitle(), model.chat().items(), model.notebook().cells());
            written = CompletableFuture.supplyAsync(() -> ExportFile.write(target, html), workers);
        } else {
            written = assistant.export(format, target);
        }
        return written.whenComplete((file, error) -> UiExecutor.fx().execute(() -> model.chat().notice(
                error == null ? ChatItem.Level.INFO : ChatItem.Level.ERROR,
                error == null ? "Exported to " + file + "." : "The export failed: " + Messages.sentence(error))));
    }
}
