package studio.codeact.gui.shell;

import studio.codeact.agent.RerunListener;
import studio.codeact.engine.ExecutionResult;
import studio.codeact.gui.Messages;
import studio.codeact.gui.UiExecutor;
import studio.codeact.gui.assistant.Assistant;
import studio.codeact.gui.cells.CellViewModel;
import studio.codeact.gui.chat.ChatItem;
import studio.codeact.session.Cell;
import studio.codeact.session.Entry;
import studio.codeact.session.SessionResume;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * "Continue" on a saved session shown in the window: a data file that is no longer where the
 * session loaded it is named and asked for; then the window moves to the session's folder with a
 * fresh interpreter, the assistant re-runs the cells that worked ({@code CodeActAgent.resume}) —
 * each cell on screen shows it running again and its new outputs, the activity line says which
 * one of how many; a loading cell shows the paths it reads now — and the next question goes on in
 * the same folder as a new run.
 *
 * <p>Thread: called on the UI thread; the re-run happens on the assistant's thread and reports back here.
 */
final class SessionContinuation {

    private final MainViewModel model;
    private final studio.codeact.gui.data.DatasetsViewModel datasets;
    private final Assistant assistant;
    private final BiConsumer<Path, Path> moveWindow;

    /**
     * @param moveWindow points the window at the session folder and the folder its code runs in
     */
    SessionContinuation(MainViewModel model, studio.codeact.gui.data.DatasetsViewModel datasets, Assistant assistant,
                        BiConsumer<Path, Path> moveWindow) {
        this.model = model;
        this.datasets = datasets;
        this.assistant = assistant;
        this.moveWindow = moveWindow;
    }

    CompletableFuture<Void> start(Path folder, Map<Integer, CellViewModel> cells, Function<String, Optional<Path>> locate) {
        SessionResume saved;
        try {
            saved = SessionResume.open(folder);
        } catch (RuntimeException e) {
            model.chat().notice(ChatItem.Level.ERROR, "Could not continue the session: " + Messages.sentence(e));
            return CompletableFuture.completedFuture(null);
        }
        Map<String, Path> moved = new LinkedHashMap<>();
        for (String missing : saved.missingFiles(Map.of())) {
            model.chat().notice(ChatItem.Level.WARNING, "The session's data file " + missing
                    + " is not there any more (moved or deleted). Point to where it is now.");
            Optional<Path> now = locate.apply(missing);
            if (now.isEmpty() || !Files.isRegularFile(now.get())) {
                model.chat().notice(ChatItem.Level.ERROR, "The session was not continued: it needs " + missing + ".");
                model.chat().offerContinue("Continue session " + saved.session().id() + " once you know where its data file is.",
                        () -> start(folder, cells, locate));
                return CompletableFuture.completedFuture(null);
            }
            moved.put(missing, now.get().toAbsolutePath());
        }
        moveWindow.accept(saved.folder(), saved.workingFolder());
        model.files().setFolder(saved.workingFolder());
        model.variables().clear();
        assistant.reset();
        model.chat().notice(ChatItem.Level.INFO, "Continuing " + saved.session().id()
                + ": its cells run again in a fresh Python (cells that failed then are not run again).");
        CompletableFuture<Void> done = new CompletableFuture<>();
        model.engine().recreate()
                .thenCompose(engine -> {
                    CompletableFuture<Entry.Resumed> resumed = new CompletableFuture<>();
                    UiExecutor.fx().execute(() -> assistant.resume(saved.folder(), moved, progress(cells, moved)).whenComplete((entry, error) -> {
                        if (error != null) {
                            resumed.completeExceptionally(error);
                        } else {
                            resumed.complete(entry);
                        }
                    }));
                    return resumed;
                })
                .whenComplete((entry, error) -> UiExecutor.fx().execute(() -> {
                    model.chat().rerunDone();
                    if (error != null) {
                        model.chat().notice(ChatItem.Level.ERROR, "Could not continue the session: " + Messages.sentence(error));
                    } else {
                        model.setSessionName(saved.session().id());
                        listDatasets(saved, moved, entry);
                        model.variables().refresh();
                        model.files().refresh();
                    }
                    done.complete(null);
                }));
        return done;
    }

    /** The saved datasets whose loading cells ran again, in the Datasets panel (from where they are now). */
    private void listDatasets(SessionResume saved, Map<String, Path> moved, Entry.Resumed entry) {
        boolean loaded = saved.session().cells().stream().filter(c -> c.kind() == studio.codeact.session.CellKind.SETUP)
                .allMatch(c -> entry.rerun().contains(c.number()));
        if (!loaded) {
            return;
        }
        for (studio.codeact.session.DatasetEntry dataset : saved.session().info().datasets()) {
            Path file = moved.getOrDefault(dataset.path(), Path.of(dataset.path()));
            datasets.listLoaded(file, dataset.variable(), String.format(java.util.Locale.ROOT, "%,d rows \u00d7 %d columns",
                    dataset.rows(), dataset.columns()), String.join(" ", dataset.warnings()));
        }
    }

    /** Shows each cell running again, in place, with its new outputs. */
    private RerunListener progress(Map<Integer, CellViewModel> cells, Map<String, Path> moved) {
        return new RerunListener() {
            @Override
            public void starting(int index, int total, Cell cell) {
                UiExecutor.fx().execute(() -> {
                    CellViewModel shown = cells.get(cell.number());
                    if (shown != null) {
                        if (cell.kind() == studio.codeact.session.CellKind.SETUP && !moved.isEmpty()) {
                            shown.sourceProperty().set(SessionResume.remapCode(cell.code(), moved)); // the code as it runs now
                        }
                        model.notebook().rerunStarted(shown);
                        model.chat().rerunStarted(shown, index, total);
                    }
                });
            }

            @Override
            public void finished(Cell cell, ExecutionResult result) {
                UiExecutor.fx().execute(() -> {
                    CellViewModel shown = cells.get(cell.number());
                    if (shown != null) {
                        model.notebook().agentFinished(shown, result);
                    }
                });
            }
        };
    }
}
