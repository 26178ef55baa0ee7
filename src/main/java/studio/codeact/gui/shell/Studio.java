package studio.codeact.gui.shell;

import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import studio.codeact.engine.PythonEngine;
import studio.codeact.gui.EngineViewModel;
import studio.codeact.gui.Theme;
import studio.codeact.gui.Ticker;
import studio.codeact.gui.UiExecutor;
import studio.codeact.gui.UiState;
import studio.codeact.gui.UiStateStore;
import studio.codeact.gui.cells.NotebookViewModel;
import studio.codeact.gui.chat.ChatViewModel;
import studio.codeact.gui.data.DatasetsViewModel;
import studio.codeact.gui.data.FilesViewModel;
import studio.codeact.gui.approval.ApprovalDialog;
import studio.codeact.gui.approval.ApprovalViewModel;
import studio.codeact.gui.approval.Decision;
import studio.codeact.gui.assistant.Assistant;
import studio.codeact.gui.assistant.AssistantContext;
import studio.codeact.gui.data.VariablesViewModel;
import studio.codeact.gui.demo.Demo;
import studio.codeact.gui.session.SessionViewer;
import studio.codeact.session.SessionFolders;
import studio.codeact.session.SessionStore;
import studio.codeact.gui.demo.DemoLibrary;
import studio.codeact.gui.demo.DemoPlayer;
import studio.codeact.gui.settings.SettingsDialog;
import studio.codeact.gui.settings.SettingsForm;
import studio.codeact.gui.settings.SettingsStorage;
import studio.codeact.gui.settings.SettingsViewModel;
import studio.codeact.gui.table.FrameTableView;
import studio.codeact.gui.table.FrameTableViewModel;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One open main window and everything behind it: builds the view models and the window, does
 * what its menus ask ({@link WindowActions}), and shuts the engine down when it closes. The
 * application and the UI tests both make one of these.
 */
public final class Studio implements WindowActions {

    /**
     * What a window is built from.
     *
     * @param engineFactory makes a new engine for the settings in force, running in the session folder (called on a worker thread)
     * @param stateStore    where the window's state is remembered
     * @param workingFolder the first session's folder (New session makes a sibling)
     * @param workers       threads for blocking calls
     * @param opener        opens a file or folder with the desktop's default application
     * @param settings      the settings file (model, engine, assistant)
     * @param assistants    makes the language-model side of the window (the agent bridge)
     * @param doctor        checks the interpreter the settings name (blocking; called on a worker)
     * @param onClosed      runs after the window closed and the engine shut down
     */
    public record Config(java.util.function.BiFunction<SettingsForm, Path, PythonEngine> engineFactory, UiStateStore stateStore, Path workingFolder,
                         ExecutorService workers, Consumer<Path> opener, SettingsStorage settings,
                         java.util.function.Function<AssistantContext, Assistant> assistants,
                         java.util.function.Function<SettingsForm, studio.codeact.gui.Doctor.Report> doctor, Runnable onClosed) {

        /** The real doctor: runs the chosen interpreter once to see what it has. */
        public static java.util.function.Function<SettingsForm, studio.codeact.gui.Doctor.Report> realDoctor() {
            return form -> studio.codeact.gui.Doctor.check(form.python(), form.engine());
        }
    }

    private final Stage stage;
    private final Config config;
    private final MainViewModel model;
    private final DatasetsViewModel datasets;
    private final MainWindow window;
    private final Ticker ticker;
    private final Scene scene;
    private volatile SettingsForm settings = SettingsForm.defaults();
    /** The session's folder: the session is recorded there. */
    private volatile Path folder;
    /** Where code runs: the session's folder, or the {@code work/} folder of a continued command-line session. */
    private volatile Path workFolder;
    private final DemoPlayer demoPlayer;
    private final Assistant assistant;

    public Studio(Stage stage, Config config) {
        this.stage = stage;
        this.config = config;
        UiExecutor ui = UiExecutor.fx();
        folder = config.workingFolder();
        workFolder = folder;
        UiState state = config.stateStore().load();
        Theme.applyGlobal(state.dark());

        EngineViewModel engine = new EngineViewModel(() -> config.engineFactory().apply(settings, createdFolder()), ui, config.workers());
        Supplier<CompletableFuture<PythonEngine>> ready = engine::start;
        NotebookViewModel notebook = new NotebookViewModel(ready, ui, System::nanoTime);
        ChatViewModel chat = new ChatViewModel();
        VariablesViewModel variables = new VariablesViewModel(engine::current, ui);
        FilesViewModel files = new FilesViewModel(config.workingFolder(), ui, config.workers());
        model = new MainViewModel(engine, notebook, chat, variables, files, config.stateStore());
        assistant = config.assistants().apply(new AssistantContext(chat, notebook, ui, ready, () -> settings,
                () -> folder, () -> model.askBeforeRunningProperty().get(), this::approve));
        datasets = new DatasetsViewModel(file -> assistant.datasetLoader().load(file),
                ui, () -> chat.state() != ChatViewModel.State.IDLE);
        datasets.onLoaded(dataset -> {
            variables.refresh();
            chat.datasetsLoaded(datasets.loadedVariables());
        });
        chat.stateProperty().addListener((obs, old, now) -> {
            if (now == ChatViewModel.State.IDLE) {
                datasets.resume();
            }
        });
        ticker = new Ticker(100, ui, () -> {
            notebook.tick();
            chat.tick();
        });
        demoPlayer = new DemoPlayer(chat, notebook, ui);
        demoPlayer.onDataset((variable, file) -> engine.current().ifPresent(python -> python.variables().thenAccept(found -> found.stream()
                .filter(v -> v.name().equals(variable) && v.isTable()).findFirst()
                .ifPresent(v -> ui.execute(() -> datasets.listLoaded(file, variable, v.shape().replace(" \u00d7 ", " rows \u00d7 ") + " columns",
                        v.summary()))))));
        chat.connect(this::ask, this::stopWork);

        window = new MainWindow(model, datasets, this);
        // A remembered size larger than this screen (another monitor, a smaller display) is cut to fit.
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        scene = window.createScene(Math.min(state.width(), screen.getWidth()), Math.min(state.height(), screen.getHeight()));
        stage.setScene(scene);
        stage.titleProperty().bind(model.titleProperty());
        if (state.hasPosition() && screen.contains(state.x(), state.y())) {
            stage.setX(state.x());
            stage.setY(state.y());
        }
        stage.setMaximized(state.maximized());
        stage.setOnCloseRequest(event -> {
            event.consume();
            quit();
        });
    }

    /** Shows the window, reads the settings and starts the engine. */
    public void show() {
        stage.show();
        CompletableFuture.supplyAsync(config.settings()::load, config.workers())
                .whenComplete((form, error) -> UiExecutor.fx().execute(() -> {
                    if (error != null) {
                        model.chat().notice(studio.codeact.gui.chat.ChatItem.Level.WARNING,
                                "The settings could not be read: " + studio.codeact.gui.Messages.sentence(error));
                    } else {
                        apply(form);
                    }
                    // A new session's folder does not exist yet: its interpreter starts (and the folder is made) on first use.
                    if (java.nio.file.Files.isDirectory(folder)) {
                        model.engine().start();
                    }
                    checkPython();
                }));
        files().refresh();
    }

    /**
     * Closes the sessions a dead process left running under {@code root} (marks them crashed,
     * writes their exports, see {@link studio.codeact.session.SessionRecovery}) on a worker, then
     * offers to reopen the newest. Completes with the folders recovered.
     */
    public CompletableFuture<List<Path>> recoverCrashedSessions(Path root) {
        return CompletableFuture.supplyAsync(() -> CrashedSessions.recover(root), config.workers())
                .thenApply(recovered -> {
                    if (!recovered.isEmpty()) {
                        UiExecutor.fx().execute(() -> CrashedSessions.offerReopen(stage, recovered.getFirst(), recovered.size(), this::openSession));
                    }
                    return recovered.stream().map(CrashedSessions.Recovered::folder).toList();
                });
    }

    /** The doctor's check of the interpreter in the settings; what it finds missing shows in the window with the fix. */
    private void checkPython() {
        SettingsForm form = settings;
        CompletableFuture.supplyAsync(() -> config.doctor().apply(form), config.workers())
                .thenAccept(report -> UiExecutor.fx().execute(() -> model.engine().reportDoctor(report)));
    }

    /** The session's folder, created (readable by the user alone) the first time code needs it. */
    private Path createdFolder() {
        Path current = workFolder;
        try {
            return studio.codeact.session.PrivateFiles.createFolders(current);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("could not create the session folder " + current + ": " + e.getMessage(), e);
        }
    }

    /** The settings in force (read at start, changed by the settings dialog). */
    public SettingsForm settings() {
        return settings;
    }

    private void apply(SettingsForm form) {
        settings = form;
        model.chat().modelConfiguredProperty().set(form.modelConfigured());
        model.setModelName(form.modelConfigured() ? form.model() : "");
        model.notebook().cellTimeoutProperty().set(form.cellTimeoutSeconds() == 0 ? null : java.time.Duration.ofSeconds(form.cellTimeoutSeconds()));
    }

    public MainViewModel model() {
        return model;
    }

    public DatasetsViewModel datasets() {
        return datasets;
    }

    public MainWindow window() {
        return window;
    }

    public Scene scene() {
        return scene;
    }

    private FilesViewModel files() {
        return model.files();
    }

    private void ask(String question) {
        assistant.ask(question); // the assistant reports a failure in the chat itself, once
    }

    private void stopWork() {
        demoPlayer.stop();
        assistant.stop();
        model.engine().interrupt();
    }

    /** Shows one action in the approval dialog; completes with the user's decision. */
    private CompletableFuture<Decision> approve(ApprovalViewModel action) {
        CompletableFuture<Decision> decided = new CompletableFuture<>();
        ApprovalDialog dialog = new ApprovalDialog(stage, action);
        Theme.style(dialog.getDialogPane(), model.fontSizeProperty().get());
        dialog.setOnHidden(event -> decided.complete(dialog.getResult() == null ? action.reject() : dialog.getResult()));
        dialog.show();
        return decided;
    }

    // Window actions

    @Override
    public void openSettings() {
        SettingsViewModel form = new SettingsViewModel(config.settings(), studio.codeact.gui.Doctor::check, UiExecutor.fx(), config.workers());
        SettingsDialog dialog = new SettingsDialog(stage, form);
        Theme.style(dialog.getDialogPane(), model.fontSizeProperty().get());
        form.load().thenRun(() -> UiExecutor.fx().execute(() -> {
            form.darkProperty().set(model.darkProperty().get());
            form.fontSizeProperty().set(model.fontSizeProperty().get());
        }));
        dialog.showAndWait().ifPresent(chosen -> form.save().whenComplete((saved, error) -> UiExecutor.fx().execute(() -> {
            if (error != null) {
                model.chat().notice(studio.codeact.gui.chat.ChatItem.Level.ERROR, "Settings were not saved: " + form.saveErrorProperty().get());
                return;
            }
            boolean engineChanged = saved.engine() != settings.engine() || !saved.python().equals(settings.python())
                    || !saved.kernelSpec().equals(settings.kernelSpec());
            boolean modelChanged = saved.provider() != settings.provider() || !saved.baseUrl().equals(settings.baseUrl())
                    || !saved.model().equals(settings.model()) || !saved.apiKey().equals(settings.apiKey());
            model.darkProperty().set(saved.dark());
            model.fontSizeProperty().set(saved.fontSize());
            apply(saved);
            if (modelChanged || engineChanged) {
                assistant.reset();
            }
            if (engineChanged) {
                model.engine().recreate().whenComplete((engine, failure) -> UiExecutor.fx().execute(this::checkPython));
            }
        })));
    }

    @Override
    public void openDemo() {
        java.util.Optional<Path> samples = DemoLibrary.samplesFolder();
        List<Demo> demos = samples.map(DemoLibrary::demos).orElse(List.of());
        if (demos.isEmpty()) {
            model.chat().notice(studio.codeact.gui.chat.ChatItem.Level.WARNING,
                    "No demos were found (looked for samples/demos beside the application).");
            return;
        }
        javafx.scene.control.ChoiceDialog<Demo> pick = new javafx.scene.control.ChoiceDialog<>(demos.getFirst(), demos);
        pick.initOwner(stage);
        pick.setTitle("Demo");
        pick.setHeaderText("Play a scripted demo: the assistant's words were written in advance; its code runs live in your Python.");
        Theme.style(pick.getDialogPane(), model.fontSizeProperty().get());
        pick.showAndWait().ifPresent(demo -> playDemo(demo, samples.get()));
    }

    /** Plays {@code demo} in this window (also used by the first-run path and tests). */
    public CompletableFuture<Void> playDemo(Demo demo, Path samples) {
        return demoPlayer.play(demo, samples);
    }

    @Override
    public void newSession() {
        // A session that recorded something keeps its folder; the new one gets its own, and a fresh interpreter.
        if (assistant.sessionFolder().isPresent()) {
            folder = SessionFolders.reserve(folder.toAbsolutePath().getParent(), "", java.time.Instant.now());
            workFolder = folder;
            model.files().setFolder(folder);
            model.engine().recreate();
            model.variables().clear();
        }
        assistant.reset();
        model.notebook().clear();
        model.chat().clear();
        datasets.clear();
    }

    @Override
    public void openSession() {
        javafx.stage.DirectoryChooser chooser = new javafx.stage.DirectoryChooser();
        chooser.setTitle("Open a session folder");
        assistant.sessionFolder().map(Path::getParent).filter(java.nio.file.Files::isDirectory)
                .ifPresent(parent -> chooser.setInitialDirectory(parent.toFile()));
        File folder = chooser.showDialog(stage);
        if (folder != null) {
            openSession(folder.toPath());
        }
    }

    @Override
    public void openRecent(String session) {
        openSession(Path.of(session));
    }

    /** Shows the session saved in {@code folder} (read on a worker); a new question then starts a new session. */
    public CompletableFuture<Void> openSession(Path folder) {
        return CompletableFuture.supplyAsync(() -> SessionStore.read(folder), config.workers())
                .handle((session, error) -> {
                    UiExecutor.fx().execute(() -> {
                        if (error != null) {
                            model.chat().notice(studio.codeact.gui.chat.ChatItem.Level.ERROR,
                                    "Could not open the session: " + studio.codeact.gui.Messages.sentence(error));
                            return;
                        }
                        newSession();
                        java.util.Map<Integer, studio.codeact.gui.cells.CellViewModel> cells = SessionViewer.show(session, model.chat(), model.notebook());
                        model.setSessionName(session.id());
                        model.rememberRecent(folder.toAbsolutePath().toString());
                        model.chat().offerContinue("This is session " + session.id() + " as it was saved. Continue it: its cells run again"
                                + " in a fresh Python and your next question goes on from there.",
                                () -> continueSession(folder, cells, locator));
                    });
                    return null;
                });
    }

    /** How a continued session's missing data file is looked for (a file chooser; tests answer directly). */
    private java.util.function.Function<String, java.util.Optional<Path>> locator = this::locateMissing;

    /** Replaces the file chooser that asks where a moved data file is now (tests, scripted use). */
    public void setDataFileLocator(java.util.function.Function<String, java.util.Optional<Path>> locate) {
        locator = locate;
    }

    /** Asks where a data file of a continued session is now (a file chooser); empty when the user gives up. */
    private java.util.Optional<Path> locateMissing(String recorded) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Where is " + Path.of(recorded).getFileName() + " now?");
        Path parent = Path.of(recorded).getParent();
        if (parent != null && java.nio.file.Files.isDirectory(parent)) {
            chooser.setInitialDirectory(parent.toFile());
        }
        chooser.setInitialFileName(Path.of(recorded).getFileName().toString());
        File chosen = chooser.showOpenDialog(stage);
        return chosen == null ? java.util.Optional.empty() : java.util.Optional.of(chosen.toPath());
    }

    /**
     * Continues the session saved in {@code folder} (shown with {@code cells}); see {@link SessionContinuation}.
     * Completes when its cells have run again (or it could not start). Call on the UI thread.
     */
    public CompletableFuture<Void> continueSession(Path folder, java.util.Map<Integer, studio.codeact.gui.cells.CellViewModel> cells,
                                                   java.util.function.Function<String, java.util.Optional<Path>> locate) {
        return new SessionContinuation(model, datasets, assistant, (session, work) -> {
            this.folder = session;
            workFolder = work;
        }).start(folder, cells, locate);
    }

    @Override
    public void saveSession() {
        assistant.save().whenComplete((folder, error) -> UiExecutor.fx().execute(() -> {
            if (error != null) {
                model.chat().notice(studio.codeact.gui.chat.ChatItem.Level.ERROR, "The session was not saved: "
                        + studio.codeact.gui.Messages.sentence(error));
            } else if (folder.isEmpty()) {
                model.chat().notice(studio.codeact.gui.chat.ChatItem.Level.INFO,
                        "Nothing to save yet: a session starts with the first question or data file (cells you run by hand are not recorded).");
            } else {
                model.rememberRecent(folder.get().toString());
                model.chat().notice(studio.codeact.gui.chat.ChatItem.Level.INFO, "Saved in " + folder.get()
                        + " (session.json is also written as you go).");
            }
        }));
    }

    @Override
    public void export(String format) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the session");
        String extension = switch (format) {
            case "ipynb" -> "ipynb";
            case "py" -> "py";
            default -> "html";
        };
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(switch (extension) {
            case "ipynb" -> "Jupyter notebook";
            case "py" -> "Python script";
            default -> "HTML report";
        }, "*." + extension));
        chooser.setInitialFileName((extension.equals("py") ? "analysis" : extension.equals("ipynb") ? "notebook" : "report") + "." + extension);
        File target = chooser.showSaveDialog(stage);
        if (target != null) {
            exportTo(format, target.toPath());
        }
    }

    /** Writes the export without asking where (the menu asks first). Completes with the file. */
    public CompletableFuture<Path> exportTo(String format, Path target) {
        CompletableFuture<Path> written;
        if (format.equals("html")) {
            String html = studio.codeact.gui.report.HtmlReport.render(stage.getTitle(), model.chat().items(), model.notebook().cells());
            written = CompletableFuture.supplyAsync(() -> {
                try {
                    return java.nio.file.Files.writeString(target, html);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException("could not write " + target + ": " + e.getMessage(), e);
                }
            }, config.workers());
        } else {
            written = assistant.export(format, target);
        }
        return written.whenComplete((file, error) -> UiExecutor.fx().execute(() -> model.chat().notice(
                error == null ? studio.codeact.gui.chat.ChatItem.Level.INFO : studio.codeact.gui.chat.ChatItem.Level.ERROR,
                error == null ? "Exported to " + file + "." : "The export failed: " + studio.codeact.gui.Messages.sentence(error))));
    }

    @Override
    public void chooseData() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open data");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Data files",
                DatasetsViewModel.EXTENSIONS.stream().map(ext -> "*." + ext).toList()));
        List<File> files = chooser.showOpenMultipleDialog(stage);
        if (files != null) {
            loadData(files.stream().map(File::toPath).toList());
        }
    }

    @Override
    public void loadData(List<Path> files) {
        datasets.load(files);
        window.showSidePanel("Datasets");
    }

    @Override
    public void open(Path file) {
        config.opener().accept(file);
    }

    @Override
    public void previewTable(String variable) {
        FrameTableViewModel table = new FrameTableViewModel(variable, model.notebook().tableSource(), UiExecutor.fx());
        FrameTableView view = new FrameTableView(table, 30);
        table.load();
        Stage preview = new Stage();
        preview.initOwner(stage);
        preview.setTitle(variable);
        Scene previewScene = new Scene(view, 900, 640);
        Theme.style(previewScene, model.darkProperty().get(), model.fontSizeProperty().get());
        preview.setScene(previewScene);
        preview.show();
    }

    @Override
    public void quit() {
        if (model.busy()) {
            Alert ask = new Alert(Alert.AlertType.CONFIRMATION,
                    "Code is still running. Stop it and close CodeAct Studio?", ButtonType.CANCEL, ButtonType.OK);
            ask.initOwner(stage);
            ask.setHeaderText("Work is under way");
            if (ask.showAndWait().orElse(ButtonType.CANCEL) != ButtonType.OK) {
                return;
            }
        }
        close();
    }

    /** How long closing waits for the engine to shut down before the window's process goes on without it. */
    private static final int ENGINE_SHUTDOWN_LIMIT_SECONDS = 10;

    /** Closes without asking: stops work, remembers the window, shuts the engine down, then runs {@code onClosed}. */
    public CompletableFuture<Void> close() {
        model.interrupt();
        model.rememberWindow(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), stage.isMaximized(), window.dividerPositions());
        ticker.close();
        stage.hide();
        return CompletableFuture.runAsync(model.engine()::shutdown, config.workers())
                .orTimeout(ENGINE_SHUTDOWN_LIMIT_SECONDS, TimeUnit.SECONDS)
                .handle((ok, error) -> {
                    if (error != null) { // the window is gone: the log is the only place left to say it
                        System.getLogger(Studio.class.getName()).log(System.Logger.Level.WARNING,
                                "the Python engine did not shut down cleanly: " + studio.codeact.gui.Messages.sentence(error), error);
                    }
                    return null;
                })
                .thenRun(() -> UiExecutor.fx().execute(config.onClosed()));
    }

}
