package studio.codeact.gui.shell;

import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import studio.codeact.engine.PythonEngine;
import studio.codeact.gui.Doctor;
import studio.codeact.gui.EngineViewModel;
import studio.codeact.gui.Theme;
import studio.codeact.gui.Ticker;
import studio.codeact.gui.UiExecutor;
import studio.codeact.gui.UiState;
import studio.codeact.gui.UiStateStore;
import studio.codeact.gui.assistant.Assistant;
import studio.codeact.gui.assistant.AssistantContext;
import studio.codeact.gui.cells.CellViewModel;
import studio.codeact.gui.cells.NotebookViewModel;
import studio.codeact.gui.chat.ChatViewModel;
import studio.codeact.gui.data.DatasetsViewModel;
import studio.codeact.gui.data.FilesViewModel;
import studio.codeact.gui.data.VariablesViewModel;
import studio.codeact.gui.demo.Demo;
import studio.codeact.gui.settings.SettingsForm;
import studio.codeact.gui.settings.SettingsStorage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One open main window and everything behind it: builds the view models, the window and the
 * classes that carry out what its menus ask ({@link WindowActions}: {@link SessionActions},
 * {@link ExportActions}, {@link SettingsFlow}, {@link DataActions}, {@link DemoActions},
 * {@link QuitFlow}), and connects them. The application and the UI tests both make one of these;
 * call it on the FX thread.
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
    public record Config(BiFunction<SettingsForm, Path, PythonEngine> engineFactory, UiStateStore stateStore, Path workingFolder,
                         ExecutorService workers, Consumer<Path> opener, SettingsStorage settings,
                         Function<AssistantContext, Assistant> assistants,
                         Function<SettingsForm, Doctor.Report> doctor, Runnable onClosed) {

        /** The real doctor: runs the chosen interpreter once to see what it has. */
        public static Function<SettingsForm, Doctor.Report> realDoctor() {
            return form -> Doctor.check(form.python(), form.engine());
        }
    }

    private static final System.Logger LOG = System.getLogger(Studio.class.getName());
    /** How long a new engine waits for the settings file to be read at start (it takes milliseconds; a broken disk may hang). */
    private static final java.time.Duration SETTINGS_WAIT = java.time.Duration.ofSeconds(10);

    private final Stage stage;
    /** Done once the settings file was read at start (or could not be). */
    private final CompletableFuture<Void> settingsRead = new CompletableFuture<>();
    private final MainViewModel model;
    private final DatasetsViewModel datasets;
    private final MainWindow window;
    private final Scene scene;
    private final SessionPlace place;
    private final SettingsFlow settingsFlow;
    private final Assistant assistant;
    private final DemoActions demos;
    private final SessionActions sessions;
    private final ExportActions exports;
    private final DataActions data;
    private final QuitFlow quitFlow;
    private final java.util.concurrent.Executor workers;

    public Studio(Stage stage, Config config) {
        this.workers = config.workers();
        this.stage = stage;
        UiExecutor ui = UiExecutor.fx();
        place = new SessionPlace(config.workingFolder());
        UiState state = config.stateStore().load();
        Theme.applyGlobal(state.dark());

        EngineViewModel engine = new EngineViewModel(() -> makeEngine(config, ui), ui, config.workers());
        Supplier<CompletableFuture<PythonEngine>> ready = engine::start;
        NotebookViewModel notebook = new NotebookViewModel(ready, ui, System::nanoTime);
        ChatViewModel chat = new ChatViewModel();
        VariablesViewModel variables = new VariablesViewModel(engine::current, ui);
        FilesViewModel files = new FilesViewModel(config.workingFolder(), engine::current, ui, config.workers());
        model = new MainViewModel(engine, notebook, chat, variables, files, config.stateStore());
        settingsFlow = new SettingsFlow(stage, model, config.settings(), config.doctor(), config.workers(), this::resetAssistant);
        ApprovalPrompt approval = new ApprovalPrompt(stage, model.fontSizeProperty()::get);
        assistant = config.assistants().apply(new AssistantContext(chat, notebook, ui, ready, settingsFlow::current,
                place::folder, () -> model.askBeforeRunningProperty().get(), approval::ask));
        datasets = new DatasetsViewModel(file -> assistant.fileLoader().load(file),
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
        Ticker ticker = new Ticker(100, ui, () -> {
            notebook.tick();
            chat.tick();
        });
        demos = new DemoActions(stage, model, datasets, ui);
        chat.connect(this::ask, this::stopWork);

        window = new MainWindow(model, datasets, this);
        scene = placeWindow(state);
        sessions = new SessionActions(stage, model, datasets, assistant, place, config.workers());
        exports = new ExportActions(stage, model, assistant, config.workers());
        data = new DataActions(stage, model, datasets, window, config.opener());
        quitFlow = new QuitFlow(stage, model, window, ticker, config.workers(), config.onClosed());
        stage.setOnCloseRequest(event -> {
            event.consume();
            quit();
        });
    }

    /**
     * A new engine for the settings in force; its sandbox becomes the one the window shows (called
     * on a worker). It waits for the settings file to be read: a data file opened with the app
     * (or dropped at once) would otherwise start the default engine, not the configured one.
     */
    private PythonEngine makeEngine(Config config, UiExecutor ui) {
        try {
            settingsRead.get(SETTINGS_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "the engine starts before the settings were read: " + e);
        }
        SettingsForm form = settings();
        PythonEngine made = config.engineFactory().apply(form, place.createdWorkFolder());
        ui.execute(() -> model.sandboxInForce(form.sandbox(), form.engine()));
        return made;
    }

    /** Puts the window's scene on the stage at the remembered place and size (a size larger than this screen is cut to fit). */
    private Scene placeWindow(UiState state) {
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Scene made = window.createScene(Math.min(state.width(), screen.getWidth()), Math.min(state.height(), screen.getHeight()));
        stage.setScene(made);
        stage.titleProperty().bind(model.titleProperty());
        if (state.hasPosition() && screen.contains(state.x(), state.y())) {
            stage.setX(state.x());
            stage.setY(state.y());
        }
        stage.setMaximized(state.maximized());
        return made;
    }

    /** Shows the window, reads the settings and starts the engine. */
    public void show() {
        stage.show();
        settingsFlow.readAtStart(() -> {
            settingsRead.complete(null);
            // A new session's folder does not exist yet: its interpreter starts (and the folder is made) on first use.
            if (Files.isDirectory(place.folder())) {
                model.engine().start();
            }
        });
        model.files().refresh();
    }

    /**
     * Closes the sessions a dead process left running under {@code root} (marks them crashed,
     * writes their exports, see {@link studio.codeact.session.SessionRecovery}) on a worker, then
     * offers to reopen the newest. Completes with the folders recovered.
     */
    public CompletableFuture<List<Path>> recoverCrashedSessions(Path root) {
        return CompletableFuture.supplyAsync(() -> CrashedSessions.recover(root), workers)
                .thenApply(recovered -> {
                    if (!recovered.isEmpty()) {
                        UiExecutor.fx().execute(() -> CrashedSessions.offerReopen(stage, recovered.getFirst(), recovered.size(), this::openSession));
                    }
                    return recovered.stream().map(CrashedSessions.Recovered::folder).toList();
                });
    }

    /** The settings in force (read at start, changed by the settings dialog). */
    public SettingsForm settings() {
        return settingsFlow.current();
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

    private void ask(String question) {
        assistant.ask(question); // the assistant reports a failure in the chat itself, once
    }

    private void stopWork() {
        demos.stop();
        assistant.stop();
        model.engine().interrupt();
    }

    private void resetAssistant() {
        assistant.reset();
    }

    // Window actions: each is carried out by the class that owns the job.

    @Override
    public void openSettings() {
        settingsFlow.openDialog();
    }

    @Override
    public void openDemo() {
        demos.choose();
    }

    /** Plays {@code demo} in this window (also used by the first-run path and tests). */
    public CompletableFuture<Void> playDemo(Demo demo, Path samples) {
        return demos.play(demo, samples);
    }

    @Override
    public void newSession() {
        sessions.newSession();
    }

    @Override
    public void openSession() {
        sessions.chooseSession();
    }

    @Override
    public void openRecent(String session) {
        openSession(Path.of(session));
    }

    /** Shows the session saved in {@code folder} (read on a worker); a new question then starts a new session. */
    public CompletableFuture<Void> openSession(Path folder) {
        return sessions.openSession(folder);
    }

    /** Replaces the file chooser that asks where a moved data file is now (tests, scripted use). */
    public void setDataFileLocator(Function<String, Optional<Path>> locate) {
        sessions.setDataFileLocator(locate);
    }

    /**
     * Continues the session saved in {@code folder} (shown with {@code cells}); see {@link SessionContinuation}.
     * Completes when its cells have run again (or it could not start). Call on the UI thread.
     */
    public CompletableFuture<Void> continueSession(Path folder, Map<Integer, CellViewModel> cells,
                                                   Function<String, Optional<Path>> locate) {
        return sessions.continueSession(folder, cells, locate);
    }

    @Override
    public void saveSession() {
        sessions.saveSession();
    }

    @Override
    public void export(String format) {
        exports.export(format);
    }

    /** Writes the export without asking where (the menu asks first). Completes with the file. */
    public CompletableFuture<Path> exportTo(String format, Path target) {
        return exports.exportTo(format, target);
    }

    @Override
    public void chooseData() {
        data.choose();
    }

    @Override
    public void loadData(List<Path> files) {
        data.load(files);
    }

    @Override
    public void open(Path file) {
        data.open(file);
    }

    @Override
    public void previewTable(String variable) {
        data.previewTable(variable);
    }

    @Override
    public void quit() {
        quitFlow.quit();
    }

    /** Closes without asking: stops work, remembers the window, shuts the engine down, then runs {@code onClosed}. */
    public CompletableFuture<Void> close() {
        return quitFlow.close();
    }
}
