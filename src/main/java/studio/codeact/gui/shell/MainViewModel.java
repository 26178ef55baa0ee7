package studio.codeact.gui.shell;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import studio.codeact.engine.EngineKind;
import studio.codeact.engine.EngineState;
import studio.codeact.engine.sandbox.SandboxSettings;
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
    private final ReadOnlyStringWrapper sandboxLabel = new ReadOnlyStringWrapper(this, "sandboxLabel", "");
    private final ReadOnlyStringWrapper sandboxTooltip = new ReadOnlyStringWrapper(this, "sandboxTooltip", "");
    private final ReadOnlyStringWrapper askReason = new ReadOnlyStringWrapper(this, "askReason", "");
    private final ReadOnlyStringWrapper askTooltip = new ReadOnlyStringWrapper(this, "askTooltip", "");
    private UiState uiState;
    /** The sandbox of the engine that runs (or will run) the code, and the one the settings ask for. */
    private SandboxState inForce = SandboxState.of(SandboxSettings.DEFAULTS, EngineKind.EMBEDDED);
    private SandboxState configured = inForce;
    /** True while the window itself sets the toggle (its default), which is no choice of the user's. */
    private boolean settingDefault;

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
        dark.addListener((obs, old, now) -> remember(uiState.withDark(now)));
        fontSize.addListener((obs, old, now) -> remember(uiState.withFontSize(now.intValue())));
        askBeforeRunning.addListener((obs, old, now) -> {
            if (!settingDefault) {
                remember(uiState.withAskChoice(now, inForce.active()));
            }
            showSandbox();
        });
        showSandbox();
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

    /**
     * When on, each code action waits in a dialog to be run, edited or rejected. Off by default while
     * the sandbox confines model code, on by default when it does not; a change through this property
     * is the user's choice and is remembered (see {@link UiState.AskChoice}).
     */
    public BooleanProperty askBeforeRunningProperty() {
        return askBeforeRunning;
    }

    /** Why "Ask before running code" is as it is when the sandbox does not confine code ("on because …"); empty otherwise. */
    public ReadOnlyStringProperty askReasonProperty() {
        return askReason.getReadOnlyProperty();
    }

    /** The toggle's tooltip: what it does, and the reason for its state. */
    public ReadOnlyStringProperty askTooltipProperty() {
        return askTooltip.getReadOnlyProperty();
    }

    /** The status bar's sandbox words: "sandbox on", "sandbox off", "sandbox unavailable: reason" … */
    public ReadOnlyStringProperty sandboxLabelProperty() {
        return sandboxLabel.getReadOnlyProperty();
    }

    /** What the sandbox enforces, or why model code runs with the user's rights. */
    public ReadOnlyStringProperty sandboxTooltipProperty() {
        return sandboxTooltip.getReadOnlyProperty();
    }

    /** Whether model code runs confined (with the engine that runs, or the next one). */
    public boolean sandboxActive() {
        return inForce.active();
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

    /**
     * The settings were read or saved: with no engine yet their sandbox is the one in force; with
     * one running it applies when Python next starts (the status bar says so).
     */
    public void sandboxConfigured(SandboxSettings settings, EngineKind kind, boolean engineRunning) {
        configured = SandboxState.of(settings, kind);
        if (!engineRunning) {
            inForce = configured;
        }
        showSandbox();
    }

    /** An engine was made with {@code settings}: its sandbox is now the one in force. */
    public void sandboxInForce(SandboxSettings settings, EngineKind kind) {
        inForce = SandboxState.of(settings, kind);
        showSandbox();
    }

    private void showSandbox() {
        boolean active = inForce.active();
        boolean ask = uiState.askChoice() == null ? !active : uiState.askChoice().applies(active).orElse(!active);
        if (askBeforeRunning.get() != ask) {
            settingDefault = true;
            try {
                askBeforeRunning.set(ask);
            } finally {
                settingDefault = false;
            }
        }
        boolean pending = !configured.equals(inForce);
        sandboxLabel.set(inForce.label() + (pending ? " (restart Python to apply the new setting)" : ""));
        sandboxTooltip.set(inForce.tooltip() + (pending ? "\nSettings → Sandbox changed; it applies when Python next starts (Cells → Restart Python)." : "")
                + (active ? "" : "\n" + askSentence(ask)));
        askReason.set(active ? "" : ask ? "on because " + inForce.whyUnconfinedShort() : "off by your choice although " + inForce.whyUnconfinedShort());
        askTooltip.set("Show each code action in a dialog to run, edit or reject it."
                + (active ? " Off by default: the sandbox confines model code." : "\n" + askSentence(ask)));
    }

    private String askSentence(boolean ask) {
        return ask ? "Ask before running code is on because " + inForce.whyUnconfined() + "."
                : "Ask before running code is off by your choice, although " + inForce.whyUnconfined() + ".";
    }

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
