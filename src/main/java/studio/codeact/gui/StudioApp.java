package studio.codeact.gui;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import studio.codeact.engine.EngineException;
import studio.codeact.engine.PythonEngine;
import studio.codeact.gui.cells.NotebookViewModel;
import studio.codeact.gui.chat.ChatViewModel;
import studio.codeact.gui.data.DatasetsViewModel;
import studio.codeact.gui.data.FilesViewModel;
import studio.codeact.gui.data.VariablesViewModel;
import studio.codeact.gui.shell.MainViewModel;
import studio.codeact.gui.shell.MainWindow;
import studio.codeact.gui.shell.WindowActions;
import studio.codeact.gui.table.FrameTableView;
import studio.codeact.gui.table.FrameTableViewModel;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The desktop application: builds the view models and the main window, remembers the window,
 * and on close asks first when work is under way, then shuts the engine down.
 */
public final class StudioApp extends Application implements WindowActions {

    private static final Logger LOG = Logger.getLogger(StudioApp.class.getName());

    private final ExecutorService workers = Workers.create();
    private Stage stage;
    private MainViewModel model;
    private MainWindow window;
    private DatasetsViewModel datasets;
    private Ticker ticker;

    @Override
    public void start(Stage primary) {
        stage = primary;
        UiExecutor ui = UiExecutor.fx();
        UiStateStore store = UiStateStore.inConfigFolder();
        UiState state = store.load();
        Theme.applyGlobal(state.dark());

        Path folder = newWorkingFolder();
        EngineViewModel engine = new EngineViewModel(engineFactory(folder), ui, workers);
        Supplier<CompletableFuture<PythonEngine>> ready = engine::start;
        NotebookViewModel notebook = new NotebookViewModel(ready, ui, System::nanoTime);
        ChatViewModel chat = new ChatViewModel();
        VariablesViewModel variables = new VariablesViewModel(engine::current, ui);
        FilesViewModel files = new FilesViewModel(folder, ui, workers);
        model = new MainViewModel(engine, notebook, chat, variables, files, store);
        datasets = new DatasetsViewModel(file -> CompletableFuture.failedFuture(
                new EngineException("loading data files needs the agent's loader, which this build does not have yet")),
                ui, () -> chat.state() != ChatViewModel.State.IDLE);
        datasets.onLoaded(dataset -> variables.refresh());
        chat.stateProperty().addListener((obs, old, now) -> {
            if (now == ChatViewModel.State.IDLE) {
                datasets.resume();
            }
        });
        ticker = new Ticker(100, ui, notebook::tick);

        window = new MainWindow(model, datasets, this);
        Scene scene = window.createScene(state.width(), state.height());
        stage.setScene(scene);
        stage.titleProperty().bind(model.titleProperty());
        if (state.hasPosition()) {
            stage.setX(state.x());
            stage.setY(state.y());
        }
        stage.setMaximized(state.maximized());
        stage.setOnCloseRequest(event -> {
            event.consume();
            quit();
        });
        stage.show();
        engine.start();
        Screenshot.scheduleIfAsked(scene, this::quit);
    }

    /** Makes the engine for the chosen kind; replaced by the engine factory when the engines land. */
    private static Supplier<PythonEngine> engineFactory(Path folder) {
        return () -> {
            throw new EngineException("this build has no Python engine yet (" + folder + ")");
        };
    }

    private static Path newWorkingFolder() {
        String base = System.getProperty("codeact.sessions.dir");
        Path root = base != null ? Path.of(base) : Path.of(System.getProperty("user.home"), "CodeAct Studio", "sessions");
        Path folder = root.resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        try {
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the session folder " + folder, e);
        }
    }

    // Window actions

    @Override
    public void openSettings() {
        info("Settings", "The settings dialog arrives with the model providers.");
    }

    @Override
    public void openDemo() {
        info("Demo", "The demo session arrives with the session store.");
    }

    @Override
    public void newSession() {
        model.notebook().clear();
        model.chat().clear();
        datasets.clear();
    }

    @Override
    public void openSession() {
        info("Open session", "Sessions arrive with the session store.");
    }

    @Override
    public void openRecent(String session) {
        openSession();
    }

    @Override
    public void saveSession() {
        info("Save session", "Sessions arrive with the session store.");
    }

    @Override
    public void export(String format) {
        info("Export", "Export arrives with the session store.");
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
        getHostServices().showDocument(file.toUri().toString());
    }

    @Override
    public void previewTable(String variable) {
        FrameTableViewModel table = new FrameTableViewModel(variable, model.notebook().tableSource(), UiExecutor.fx());
        FrameTableView view = new FrameTableView(table, 30);
        table.load();
        Stage preview = new Stage();
        preview.initOwner(stage);
        preview.setTitle(variable);
        Scene scene = new Scene(view, 900, 640);
        Theme.style(scene, model.darkProperty().get(), model.fontSizeProperty().get());
        preview.setScene(scene);
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
            model.interrupt();
        }
        model.rememberWindow(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), stage.isMaximized(), window.dividerPositions());
        ticker.close();
        stage.hide();
        CompletableFuture.runAsync(model.engine()::shutdown, workers)
                .orTimeout(10, java.util.concurrent.TimeUnit.SECONDS)
                .whenComplete((ok, error) -> Platform.exit());
    }

    @Override
    public void stop() {
        workers.shutdownNow();
        LOG.fine("CodeAct Studio closed");
    }

    private void info(String title, String text) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION, text);
        alert.initOwner(stage);
        alert.setHeaderText(title);
        alert.show();
    }
}
