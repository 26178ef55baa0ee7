package studio.codeact.gui.shell;

import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import studio.codeact.gui.Messages;
import studio.codeact.gui.UiExecutor;
import studio.codeact.gui.assistant.Assistant;
import studio.codeact.gui.cells.CellViewModel;
import studio.codeact.gui.chat.ChatItem;
import studio.codeact.gui.data.DatasetsViewModel;
import studio.codeact.gui.session.SessionViewer;
import studio.codeact.session.SessionFolders;
import studio.codeact.session.SessionStore;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The Session menu: new, open (a folder chooser, or a recent one), continue and save. Called on
 * the FX thread; reading a saved session runs on a worker.
 */
final class SessionActions {

    private final Stage stage;
    private final MainViewModel model;
    private final DatasetsViewModel datasets;
    private final Assistant assistant;
    private final SessionPlace place;
    private final Executor workers;
    /** How a continued session's missing data file is looked for (a file chooser; tests answer directly). */
    private Function<String, Optional<Path>> locator = this::locateMissing;

    SessionActions(Stage stage, MainViewModel model, DatasetsViewModel datasets, Assistant assistant,
                   SessionPlace place, Executor workers) {
        this.stage = stage;
        this.model = model;
        this.datasets = datasets;
        this.assistant = assistant;
        this.place = place;
        this.workers = workers;
    }

    void newSession() {
        // A session that recorded something keeps its folder; the new one gets its own, and a fresh interpreter.
        if (assistant.sessionFolder().isPresent()) {
            Path folder = SessionFolders.reserve(place.folder().toAbsolutePath().getParent(), "", Instant.now());
            place.moveTo(folder, folder);
            model.files().setFolder(folder);
            model.engine().recreate();
            model.variables().clear();
        }
        assistant.reset();
        model.notebook().clear();
        model.chat().clear();
        datasets.clear();
    }

    /** Asks for a session folder, then opens it. */
    void chooseSession() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open a session folder");
        assistant.sessionFolder().map(Path::getParent).filter(Files::isDirectory)
                .ifPresent(parent -> chooser.setInitialDirectory(parent.toFile()));
        File folder = chooser.showDialog(stage);
        if (folder != null) {
            openSession(folder.toPath());
        }
    }

    /** Shows the session saved in {@code folder} (read on a worker); a new question then starts a new session. */
    CompletableFuture<Void> openSession(Path folder) {
        return CompletableFuture.supplyAsync(() -> SessionStore.read(folder), workers)
                .handle((session, error) -> {
                    UiExecutor.fx().execute(() -> {
                        if (error != null) {
                            model.chat().notice(ChatItem.Level.ERROR, "Could not open the session: " + Messages.sentence(error));
                            return;
                        }
                        newSession();
                        Map<Integer, CellViewModel> cells = SessionViewer.show(session, model.chat(), model.notebook());
                        model.setSessionName(session.id());
                        model.rememberRecent(folder.toAbsolutePath().toString());
                        model.chat().offerContinue("This is session " + session.id() + " as it was saved. Continue it: its cells run again"
                                        + " in a fresh Python and your next question goes on from there.",
                                () -> continueSession(folder, cells, locator));
                    });
                    return null;
                });
    }

    void setDataFileLocator(Function<String, Optional<Path>> locate) {
        locator = locate;
    }

    /** Asks where a data file of a continued session is now (a file chooser); empty when the user gives up. */
    private Optional<Path> locateMissing(String recorded) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Where is " + Path.of(recorded).getFileName() + " now?");
        Path parent = Path.of(recorded).getParent();
        if (parent != null && Files.isDirectory(parent)) {
            chooser.setInitialDirectory(parent.toFile());
        }
        chooser.setInitialFileName(Path.of(recorded).getFileName().toString());
        File chosen = chooser.showOpenDialog(stage);
        return chosen == null ? Optional.empty() : Optional.of(chosen.toPath());
    }

    /** Continues the session saved in {@code folder} (shown with {@code cells}); see {@link SessionContinuation}. */
    CompletableFuture<Void> continueSession(Path folder, Map<Integer, CellViewModel> cells, Function<String, Optional<Path>> locate) {
        return new SessionContinuation(model, datasets, assistant, place::moveTo).start(folder, cells, locate);
    }

    void saveSession() {
        assistant.save().whenComplete((folder, error) -> UiExecutor.fx().execute(() -> {
            if (error != null) {
                model.chat().notice(ChatItem.Level.ERROR, "The session was not saved: " + Messages.sentence(error));
            } else if (folder.isEmpty()) {
                model.chat().notice(ChatItem.Level.INFO,
                        "Nothing to save yet: a session starts with the first question or data file (cells you run by hand are not recorded).");
            } else {
                model.rememberRecent(folder.get().toString());
                model.chat().notice(ChatItem.Level.INFO, "Saved in " + folder.get() + " (session.json is also written as you go).");
            }
        }));
    }
}
