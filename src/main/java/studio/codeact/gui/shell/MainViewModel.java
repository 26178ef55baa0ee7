package studio.codeact.gui.shell;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import studio.codeact.engine.EngineState;
import studio.codeact.gui.EngineViewModel;
import studio.codeact.gui.UiState;
import studio.codeact.gui.UiStateStore;
import studio.codeact.gui.cells.NotebookViewModel;
import studio.codeact.gui.chat.ChatViewModel;
import studio.codeact.gui.data.FilesViewModel;
import studio.codeact.gui.data.VariablesViewModel;

import java.util.List;

/**
 * The window's own state and commands: theme, font size, the approval toggle, the status line,
 * and the parts (engine, cells, chat, side panels) that the main window lays out.
 */
public final class MainViewModel {

    private final EngineViewModel engine;
    private final NotebookViewModel notebook;
    private final ChatViewModel chat;
    private final VariablesViewModel variables;
    private final FilesViewModel files;
    private final UiStateStore store;

    private final BooleanProperty dark = new SimpleBooleanProperty(this, "dark");
    private final IntegerProperty fontSize = new SimpleIntegerProperty(this, "fontSize");
    private final BooleanProperty askBeforeRunning = new SimpleBooleanProperty(this, "askBeforeRunning");
    private final ReadOnlyStringWrapper modelName = new ReadOnlyStringWrapper(this, "modelName", "no model");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "CodeAct Studio");
    private UiState uiState;

    public MainViewModel(EngineViewModel engine, NotebookViewModel notebook, ChatViewModel chat,
                         VariablesViewModel variables, FilesViewModel files, UiStateStore store) {
        this.engine = engine;
        this.notebook = notebook;
        this.chat = chat;
        this.variables = variables;
        this.files = files;
        this.store = store;
        uiState = store.load();
        dark.set(uiState.dark());
        fontSize.set(uiState.fontSize());
        askBeforeRunning.set(uiState.askBeforeRunning());
        dark.addListener((obs, old, now) -> remember(uiState.withDark(now)));
        fontSize.addListener((obs, old, now) -> remember(uiState.withFontSize(now.intValue())));
        askBeforeRunning.addListener((obs, old, now) -> remember(uiState.withAskBeforeRunning(now)));
        notebook.onCellFinished(cell -> {
            variables.refresh();
            files.refresh();
        });
        engine.stateProperty().addListener((obs, old, now) -> {
            if (now == EngineState.IDLE && (old == EngineState.STARTING || old == EngineState.RESTARTING)) {
                variables.refresh();
                if (old == EngineState.STARTING) {
                    files.refresh(); // a remote engine's folder is on the server: listed once the engine is there
                }
            }
        });
    }

    // Parts

    public EngineViewModel engine() {
        return engine;
    }

    public NotebookViewModel notebook() {
        return notebook;
    }

    public ChatViewModel chat() {
        return chat;
    }

    public VariablesViewModel variables() {
        return variables;
    }

    public FilesViewModel files() {
        return files;
    }

    // Properties

    public BooleanProperty darkProperty() {
        return dark;
    }

    public IntegerProperty fontSizeProperty() {
        return fontSize;
    }

    /** When on, each code action waits in a dialog to be run, edited or rejected. */
    public BooleanProperty askBeforeRunningProperty() {
        return askBeforeRunning;
    }

    public ReadOnlyStringProperty modelNameProperty() {
        return modelName.getReadOnlyProperty();
    }

    public void setModelName(String name) {
        modelName.set(name == null || name.isBlank() ? "no model" : name);
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public void setSessionName(String name) {
        title.set(name == null || name.isBlank() ? "CodeAct Studio" : name + " — CodeAct Studio");
    }

    public UiState uiState() {
        return uiState;
    }

    // Commands

    public void toggleTheme() {
        dark.set(!dark.get());
    }

    public void biggerFont() {
        fontSize.set(Math.min(UiState.MAX_FONT, fontSize.get() + 1));
    }

    public void smallerFont() {
        fontSize.set(Math.max(UiState.MIN_FONT, fontSize.get() - 1));
    }

    /** Stops everything under way: the agent's turn and the running cell. */
    public void interrupt() {
        chat.stop();
        engine.interrupt();
    }

    /** True while a cell runs or the agent works; closing then asks first. */
    public boolean busy() {
        return notebook.activeProperty().get() > 0 || chat.state() != ChatViewModel.State.IDLE;
    }

    /** Remembers the window's bounds and split positions. */
    public void rememberWindow(double x, double y, double width, double height, boolean maximized, List<Double> dividers) {
        UiState next = maximized ? uiState.withBounds(uiState.x(), uiState.y(), uiState.width(), uiState.height(), true)
                : uiState.withBounds(x, y, width, height, false);
        remember(next.withDividers(dividers));
    }

    public void rememberRecent(String session) {
        remember(uiState.withRecent(session));
    }

    private void remember(UiState next) {
        uiState = next;
        store.save(next);
    }
}
