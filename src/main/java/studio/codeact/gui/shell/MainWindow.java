package studio.codeact.gui.shell;

import javafx.beans.binding.Bindings;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import studio.codeact.gui.Theme;
import studio.codeact.gui.cells.NotebookView;
import studio.codeact.gui.chat.ChatView;
import studio.codeact.gui.data.DatasetsView;
import studio.codeact.gui.data.DatasetsViewModel;
import studio.codeact.gui.data.FilesView;
import studio.codeact.gui.data.VariablesView;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

/**
 * The main window's content: menu bar and toolbar on top, then chat | cell history | side panels
 * (datasets, variables, files) in a split pane, and a status bar. Files dropped anywhere load as
 * datasets. Built in code; it binds to {@link MainViewModel} and calls {@link WindowActions}.
 */
public final class MainWindow extends BorderPane {

    public static final KeyCombination INTERRUPT = new KeyCodeCombination(KeyCode.PERIOD, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination SAVE = new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination OPEN = new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN);

    private final MainViewModel model;
    private final WindowActions actions;
    private final SplitPane split = new SplitPane();
    private final NotebookView notebookView;
    private final ChatView chatView;
    private final TabPane sideTabs = new TabPane();
    private final Menu recent = new Menu("Open recent");

    public MainWindow(MainViewModel model, DatasetsViewModel datasets, WindowActions actions) {
        this.model = model;
        this.actions = actions;
        getStyleClass().add("main-window");

        notebookView = new NotebookView(model.notebook());
        chatView = new ChatView(model.chat(), cell -> notebookView.scrollTo(cell),
                new WelcomePane(actions::openSettings, actions::openDemo));

        DatasetsView datasetsView = new DatasetsView(datasets, dataset -> actions.previewTable(dataset.variable()), actions::chooseData);
        VariablesView variablesView = new VariablesView(model.variables(), variable -> actions.previewTable(variable.name()));
        FilesView filesView = new FilesView(model.files(), actions::open);
        sideTabs.getTabs().addAll(tab("Datasets", datasetsView), tab("Variables", variablesView), tab("Files", filesView));
        sideTabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);

        BorderPane notebookPane = new BorderPane(notebookView);
        Label cellsTitle = new Label("Cells");
        cellsTitle.getStyleClass().add("pane-title");
        notebookPane.setTop(new VBox(cellsTitle, problemBanner()));

        split.getStyleClass().add("main-split");
        split.setOrientation(Orientation.HORIZONTAL);
        split.getItems().addAll(chatView, notebookPane, sideTabs);
        SplitPane.setResizableWithParent(chatView, false);
        SplitPane.setResizableWithParent(sideTabs, false);
        List<Double> dividers = model.uiState().dividers();
        split.setDividerPositions(dividers.stream().mapToDouble(Double::doubleValue).toArray());

        setTop(new VBox(menuBar(), toolBar()));
        setCenter(split);
        setBottom(statusBar());
        enableDrop();
    }

    /** Creates the scene, themed, with the window's keyboard shortcuts. */
    public Scene createScene(double width, double height) {
        Scene scene = new Scene(this, width, height);
        Theme.style(scene, model.darkProperty().get(), model.fontSizeProperty().get());
        model.darkProperty().addListener((obs, old, now) -> {
            Theme.applyGlobal(now);
            Theme.style(scene, now, model.fontSizeProperty().get());
        });
        model.fontSizeProperty().addListener((obs, old, now) -> Theme.style(scene, model.darkProperty().get(), now.intValue()));
        scene.getAccelerators().put(INTERRUPT, model::interrupt);
        return scene;
    }

    public SplitPane split() {
        return split;
    }

    public NotebookView notebookView() {
        return notebookView;
    }

    public ChatView chatView() {
        return chatView;
    }

    public TabPane sideTabs() {
        return sideTabs;
    }

    /** Shows the side panel with the given title ("Datasets", "Variables", "Files"). */
    public void showSidePanel(String title) {
        sideTabs.getTabs().stream().filter(t -> t.getText().equals(title)).findFirst()
                .ifPresent(t -> sideTabs.getSelectionModel().select(t));
    }

    public List<Double> dividerPositions() {
        return java.util.Arrays.stream(split.getDividerPositions()).boxed().toList();
    }

    private static Tab tab(String title, Node content) {
        Tab tab = new Tab(title, content);
        tab.setClosable(false);
        return tab;
    }

    private MenuBar menuBar() {
        MenuItem newSession = item("New session", null, actions::newSession);
        newSession.setAccelerator(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN));
        MenuItem open = item("Open session…", OPEN, actions::openSession);
        MenuItem save = item("Save session", SAVE, actions::saveSession);
        Menu export = new Menu("Export", null,
                item("Notebook (.ipynb)…", null, () -> actions.export("ipynb")),
                item("Python script (.py)…", null, () -> actions.export("py")),
                item("HTML report…", null, () -> actions.export("html")));
        MenuItem openData = item("Open data…", new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN), actions::chooseData);
        MenuItem demo = item("Open the demo session", null, actions::openDemo);
        MenuItem settings = item("Settings…", new KeyCodeCombination(KeyCode.COMMA, KeyCombination.SHORTCUT_DOWN), actions::openSettings);
        MenuItem quit = item("Quit", new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN), actions::quit);
        refreshRecent();
        recent.setOnShowing(event -> refreshRecent());
        Menu file = new Menu("File", null, newSession, open, recent, save, export, new SeparatorMenuItem(),
                openData, demo, new SeparatorMenuItem(), settings, new SeparatorMenuItem(), quit);

        MenuItem addCell = item("Add cell", new KeyCodeCombination(KeyCode.B, KeyCombination.SHORTCUT_DOWN), notebookView::addAndFocus);
        MenuItem interrupt = item("Interrupt", INTERRUPT, model::interrupt);
        MenuItem restart = item("Restart Python", null, () -> model.engine().restart());
        Menu cells = new Menu("Cells", null, addCell, new SeparatorMenuItem(), interrupt, restart);

        MenuItem theme = item("Toggle dark theme", null, model::toggleTheme);
        MenuItem bigger = item("Larger text", new KeyCodeCombination(KeyCode.EQUALS, KeyCombination.SHORTCUT_DOWN), model::biggerFont);
        MenuItem smaller = item("Smaller text", new KeyCodeCombination(KeyCode.MINUS, KeyCombination.SHORTCUT_DOWN), model::smallerFont);
        Menu view = new Menu("View", null, theme, bigger, smaller);
        Menu help = new Menu("Help", null, item("Demo…", null, actions::openDemo), item("Settings…", null, actions::openSettings));
        MenuBar bar = new MenuBar(file, cells, view, help);
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    private void refreshRecent() {
        recent.getItems().clear();
        for (String session : model.uiState().recentSessions()) {
            recent.getItems().add(item(session, null, () -> actions.openRecent(session)));
        }
        recent.setDisable(recent.getItems().isEmpty());
    }

    private static MenuItem item(String text, KeyCombination accelerator, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setMnemonicParsing(false);
        if (accelerator != null) {
            item.setAccelerator(accelerator);
        }
        item.setOnAction(event -> action.run());
        return item;
    }

    private ToolBar toolBar() {
        Label modelLabel = new Label();
        modelLabel.getStyleClass().add("model-name");
        modelLabel.textProperty().bind(Bindings.concat("Model: ", model.modelNameProperty()));
        Button settings = new Button("Settings");
        settings.setOnAction(event -> actions.openSettings());
        CheckBox ask = new CheckBox("Ask before running code");
        ask.setId("ask-before-running");
        ask.selectedProperty().bindBidirectional(model.askBeforeRunningProperty());
        Tooltip askTip = new Tooltip();
        askTip.textProperty().bind(model.askTooltipProperty());
        ask.setTooltip(askTip);
        Label askReason = new Label();
        askReason.setId("ask-reason");
        askReason.getStyleClass().add("ask-reason");
        askReason.textProperty().bind(Bindings.concat("(", model.askReasonProperty(), ")"));
        askReason.visibleProperty().bind(model.askReasonProperty().isNotEmpty());
        askReason.managedProperty().bind(askReason.visibleProperty());
        askReason.setTooltip(askTip);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button theme = new Button();
        theme.textProperty().bind(Bindings.when(model.darkProperty()).then("☀ Light").otherwise("☾ Dark"));
        theme.setOnAction(event -> model.toggleTheme());
        Button smaller = new Button("A−");
        smaller.setOnAction(event -> model.smallerFont());
        smaller.setTooltip(new Tooltip("Smaller text"));
        Button bigger = new Button("A+");
        bigger.setOnAction(event -> model.biggerFont());
        bigger.setTooltip(new Tooltip("Larger text"));
        return new ToolBar(modelLabel, settings, new javafx.scene.control.Separator(),
                new EngineStatusView(model.engine(), model::interrupt), new javafx.scene.control.Separator(), ask,
                askReason, spacer, theme, smaller, bigger);
    }

    private Node problemBanner() {
        Label text = new Label();
        text.setWrapText(true);
        text.textProperty().bind(model.engine().problemProperty());
        HBox.setHgrow(text, Priority.ALWAYS);
        javafx.scene.control.TextField command = new javafx.scene.control.TextField();
        command.setEditable(false);
        command.getStyleClass().add("command");
        command.textProperty().bind(model.engine().fixProperty());
        command.visibleProperty().bind(model.engine().fixProperty().isNotEmpty());
        command.managedProperty().bind(command.visibleProperty());
        command.setPrefColumnCount(40);
        Button copy = new Button("Copy command");
        copy.visibleProperty().bind(command.visibleProperty());
        copy.managedProperty().bind(command.visibleProperty());
        copy.setOnAction(event -> {
            javafx.scene.input.ClipboardContent content = new javafx.scene.input.ClipboardContent();
            content.putString(command.getText());
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
        });
        copy.setMinWidth(Region.USE_PREF_SIZE);
        Button retry = new Button("Try again");
        retry.setOnAction(event -> model.engine().start());
        Button settings = new Button("Settings…");
        settings.setOnAction(event -> actions.openSettings());
        retry.setMinWidth(Region.USE_PREF_SIZE);
        settings.setMinWidth(Region.USE_PREF_SIZE);
        HBox buttons = new HBox(8, retry, settings);
        HBox fixRow = new HBox(8, command, copy);
        HBox.setHgrow(command, Priority.ALWAYS);
        fixRow.managedProperty().bind(command.visibleProperty());
        fixRow.visibleProperty().bind(command.visibleProperty());
        HBox top = new HBox(8, text, buttons);
        top.setAlignment(Pos.CENTER_LEFT);
        VBox banner = new VBox(6, top, fixRow);
        banner.getStyleClass().add("problem-banner");
        banner.visibleProperty().bind(model.engine().problemProperty().isNotEmpty());
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    private Node statusBar() {
        Label activity = new Label();
        activity.textProperty().bind(Bindings.createStringBinding(() -> {
            String chat = model.chat().activityProperty().get();
            int active = model.notebook().activeProperty().get();
            if (!chat.isEmpty()) {
                return chat;
            }
            return active > 0 ? active + (active == 1 ? " cell running" : " cells queued or running") : "Ready";
        }, model.chat().activityProperty(), model.notebook().activeProperty()));
        Label notice = new Label();
        notice.textProperty().bind(model.engine().noticeProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label folder = new Label();
        folder.textProperty().bind(Bindings.createStringBinding(() -> model.files().locationProperty().get().isEmpty() ? ""
                : "Working folder: " + model.files().locationProperty().get(), model.files().locationProperty()));
        Label usage = new Label();
        usage.getStyleClass().add("session-usage");
        usage.textProperty().bind(model.chat().sessionUsageProperty());
        usage.visibleProperty().bind(model.chat().sessionUsageProperty().isNotEmpty());
        usage.managedProperty().bind(usage.visibleProperty());
        // when the bar is narrow the folder's path gives way (its start elided, the whole in a tooltip), never the cost or the sandbox
        Label sandbox = sandboxLabel(model);
        for (Label whole : java.util.List.of(activity, usage, sandbox)) {
            whole.setMinWidth(Region.USE_PREF_SIZE);
        }
        folder.setMinWidth(0);
        folder.setTextOverrun(javafx.scene.control.OverrunStyle.LEADING_ELLIPSIS);
        Tooltip whereTip = new Tooltip();
        whereTip.textProperty().bind(folder.textProperty());
        folder.setTooltip(whereTip);
        HBox bar = new HBox(activity, notice, spacer, usage, sandbox, folder);
        bar.getStyleClass().add("status-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    /** "sandbox on" (the tooltip says what it enforces), "sandbox off" or "sandbox unavailable: reason" (the tooltip says why). */
    private static Label sandboxLabel(MainViewModel model) {
        Label label = new Label();
        label.setId("sandbox-label");
        label.textProperty().bind(model.sandboxLabelProperty());
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(model.sandboxTooltipProperty());
        label.setTooltip(tip);
        Runnable style = () -> {
            label.getStyleClass().removeAll("sandbox-on", "sandbox-unavailable");
            label.getStyleClass().add(model.sandboxActive() ? "sandbox-on" : "sandbox-unavailable");
        };
        style.run();
        model.sandboxLabelProperty().addListener((obs, old, now) -> style.run());
        return label;
    }

    private void enableDrop() {
        setOnDragOver(event -> {
            if (event.getDragboard().hasFiles()) {
                event.acceptTransferModes(TransferMode.COPY);
                if (!getStyleClass().contains("drop-target")) {
                    getStyleClass().add("drop-target");
                }
            }
            event.consume();
        });
        setOnDragExited(event -> getStyleClass().remove("drop-target"));
        setOnDragDropped(event -> {
            getStyleClass().remove("drop-target");
            List<File> files = event.getDragboard().getFiles();
            boolean ok = files != null && !files.isEmpty();
            if (ok) {
                actions.loadData(files.stream().map(File::toPath).map(Path::toAbsolutePath).toList());
                showSidePanel("Datasets");
            }
            event.setDropCompleted(ok);
            event.consume();
        });
    }
}
