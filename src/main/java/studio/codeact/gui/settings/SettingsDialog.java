package studio.codeact.gui.settings;


import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import studio.codeact.engine.EngineKind;
import studio.codeact.gui.UiState;

/** Settings: model connection, Python engine with the doctor's check, sandbox, agent limits, privacy, appearance. */
public final class SettingsDialog extends Dialog<SettingsForm> {

    public static final ButtonType SAVE = new ButtonType("Save", ButtonBar.ButtonData.OK_DONE);

    private final GridPane grid = new GridPane();
    private int row;

    public SettingsDialog(Window owner, SettingsViewModel model) {
        initOwner(owner);
        setTitle("Settings");
        setHeaderText(null);
        getDialogPane().getStylesheets().add(SettingsDialog.class.getResource("settings.css").toExternalForm());
        getDialogPane().getStyleClass().add("settings-dialog");
        grid.setHgap(10);
        grid.setVgap(8);
        grid.setPadding(new Insets(4));
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(130);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setPrefWidth(460);
        grid.getColumnConstraints().addAll(labels, fields);

        section("Language model");
        ComboBox<ProviderChoice> provider = new ComboBox<>();
        provider.getItems().setAll(ProviderChoice.values());
        provider.valueProperty().bindBidirectional(model.providerProperty());
        provider.setId("provider");
        field("Provider", provider);
        TextField url = new TextField();
        url.setId("base-url");
        url.textProperty().bindBidirectional(model.baseUrlProperty());
        field("Server URL", url);
        ComboBox<String> modelBox = new ComboBox<>(model.models());
        modelBox.setId("model");
        modelBox.setEditable(true);
        modelBox.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(modelBox, Priority.ALWAYS);
        modelBox.valueProperty().bindBidirectional(model.modelProperty());
        Button list = new Button("List models");
        list.setOnAction(event -> model.refreshModels());
        field("Model", new HBox(6, modelBox, list));
        note(model.modelsMessageProperty());
        PasswordField key = new PasswordField();
        key.setId("api-key");
        key.setPromptText("not needed for local servers");
        key.textProperty().bindBidirectional(model.apiKeyProperty());
        field("API key", key);
        hint("Stored only in the settings file, readable by you alone.");

        section("Python");
        ToggleGroup engines = new ToggleGroup();
        RadioButton embedded = new RadioButton("Embedded (in the app)");
        RadioButton kernel = new RadioButton("Jupyter kernel (own process)");
        RadioButton remote = new RadioButton("Jupyter server");
        remote.setId("engine-remote");
        embedded.setToggleGroup(engines);
        kernel.setToggleGroup(engines);
        remote.setToggleGroup(engines);
        java.util.Map<EngineKind, RadioButton> radios = java.util.Map.of(EngineKind.EMBEDDED, embedded, EngineKind.KERNEL, kernel,
                EngineKind.REMOTE, remote);
        radios.get(model.engineProperty().get()).setSelected(true);
        model.engineProperty().addListener((obs, old, now) -> radios.get(now).setSelected(true));
        engines.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.engineProperty().set(now == kernel ? EngineKind.KERNEL : now == remote ? EngineKind.REMOTE : EngineKind.EMBEDDED);
                if (now != remote) {
                    model.checkPython();
                }
            }
        });
        field("Engine", new HBox(12, embedded, kernel, remote));
        TextField python = new TextField();
        python.setId("python");
        python.setPromptText("default: $CODEACT_PYTHON, then /usr/bin/python3");
        python.textProperty().bindBidirectional(model.pythonProperty());
        HBox.setHgrow(python, Priority.ALWAYS);
        Button browse = new Button("Browse…");
        browse.setOnAction(event -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Python interpreter");
            java.io.File chosen = chooser.showOpenDialog(getDialogPane().getScene().getWindow());
            if (chosen != null) {
                model.pythonProperty().set(chosen.getAbsolutePath());
                model.checkPython();
            }
        });
        Button check = new Button("Check");
        check.setOnAction(event -> model.checkPython());
        field("Interpreter", new HBox(6, python, browse, check));
        TextField spec = new TextField();
        spec.setPromptText("kernel engine only; blank uses the interpreter above");
        spec.textProperty().bindBidirectional(model.kernelSpecProperty());
        spec.disableProperty().bind(model.engineProperty().isNotEqualTo(EngineKind.KERNEL));
        field("Kernelspec", spec);
        Label doctor = new Label();
        doctor.setWrapText(true);
        doctor.textProperty().bind(model.doctorSummaryProperty());
        doctor.getStyleClass().add("doctor");
        model.pythonOkProperty().addListener((obs, old, ok) -> {
            doctor.getStyleClass().removeAll("ok", "bad");
            doctor.getStyleClass().add(ok ? "ok" : "bad");
        });
        grid.add(doctor, 1, row++);
        TextField fix = new TextField();
        fix.setEditable(false);
        fix.getStyleClass().add("fix-command");
        fix.textProperty().bind(model.doctorFixProperty());
        fix.visibleProperty().bind(model.doctorFixProperty().isNotEmpty());
        fix.managedProperty().bind(fix.visibleProperty());
        grid.add(fix, 1, row++);
        jupyterServer(model.jupyter(), model.engineProperty().isNotEqualTo(EngineKind.REMOTE));

        section("Sandbox");
        SandboxSection.build(model.sandbox(), this::field, node -> grid.add(node, 1, row++));

        section("Assistant");
        Spinner<Integer> turns = new Spinner<>(1, 100, model.turnLimitProperty().get());
        turns.setEditable(true);
        turns.getValueFactory().valueProperty().addListener((obs, old, now) -> model.turnLimitProperty().set(now));
        model.turnLimitProperty().addListener((obs, old, now) -> turns.getValueFactory().setValue(now.intValue()));
        field("Turn limit", turns);
        Spinner<Integer> timeout = new Spinner<>(0, 86_400, model.cellTimeoutProperty().get(), 30);
        timeout.setEditable(true);
        timeout.getValueFactory().valueProperty().addListener((obs, old, now) -> model.cellTimeoutProperty().set(now));
        model.cellTimeoutProperty().addListener((obs, old, now) -> timeout.getValueFactory().setValue(now.intValue()));
        field("Cell timeout (s)", new HBox(8, timeout, new Label("0 = no limit")));
        TextField outputLimit = new TextField();
        outputLimit.setId("output-limit");
        outputLimit.textProperty().bindBidirectional(model.outputLimitProperty());
        outputLimit.setPrefColumnCount(8);
        outputLimit.setMinWidth(110);
        Label outputLimitProblem = new Label();
        outputLimitProblem.getStyleClass().add("save-error");
        outputLimitProblem.setWrapText(true);
        outputLimitProblem.managedProperty().bind(outputLimitProblem.textProperty().isNotEmpty());
        outputLimitProblem.textProperty().bind(model.outputLimitProblemProperty());
        field("Output limit", new HBox(8, outputLimit, new Label("characters kept per printed stream (head and tail)")));
        grid.add(outputLimitProblem, 1, row++);
        CheckBox schema = new CheckBox("Schema only: never send sample rows to the model");
        schema.selectedProperty().bindBidirectional(model.schemaOnlyProperty());
        field("Privacy", schema);

        section("Costs");
        javafx.scene.control.TextArea prices = new javafx.scene.control.TextArea();
        prices.setPromptText("gpt-4o-mini 0.15 0.075 0.6");
        prices.setPrefRowCount(3);
        prices.getStyleClass().add("price-table");
        prices.textProperty().bindBidirectional(model.pricesProperty());
        field("Prices", prices);
        hint("One model a line: MODEL INPUT CACHED_INPUT OUTPUT [CACHE_WRITE], dollars per million tokens.");
        hint("Leave empty for local servers; with a price, answers show an estimated cost.");

        section("Compute");
        TextField memory = new TextField();
        memory.setId("compute-memory-limit");
        memory.setPromptText("e.g. 2G; blank: about half of physical memory (embedded), none (kernel)");
        memory.textProperty().bindBidirectional(model.memoryLimitProperty());
        field("Memory limit", memory);
        TextField eager = new TextField();
        eager.setId("compute-eager-limit");
        eager.setPromptText("e.g. 500M; blank: a quarter of the memory limit");
        eager.textProperty().bindBidirectional(model.eagerLimitProperty());
        field("Load lazily above", eager);
        TextField scheduler = new TextField();
        scheduler.setId("compute-dask-scheduler");
        scheduler.setPromptText("tcp://HOST:8786 of an existing Dask cluster; blank: this machine");
        scheduler.textProperty().bindBidirectional(model.daskSchedulerProperty());
        field("Dask scheduler", scheduler);
        hint("Files bigger than the limit load as Dask DataFrames; a cluster's workers must be able to read the data's paths.");
        Label computeProblem = new Label();
        computeProblem.setId("compute-problem");
        computeProblem.getStyleClass().add("save-error");
        computeProblem.setWrapText(true);
        computeProblem.textProperty().bind(model.computeProblemProperty());
        grid.add(computeProblem, 1, row++);

        section("Appearance");
        CheckBox dark = new CheckBox("Dark theme");
        dark.selectedProperty().bindBidirectional(model.darkProperty());
        field("Theme", dark);
        Spinner<Integer> font = new Spinner<>(UiState.MIN_FONT, UiState.MAX_FONT, model.fontSizeProperty().get());
        font.getValueFactory().valueProperty().addListener((obs, old, now) -> model.fontSizeProperty().set(now));
        model.fontSizeProperty().addListener((obs, old, now) -> font.getValueFactory().setValue(now.intValue()));
        field("Font size", font);

        Label saveError = new Label();
        saveError.getStyleClass().add("save-error");
        saveError.textProperty().bind(model.saveErrorProperty());
        VBox content = new VBox(8, grid, saveError);
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(560);
        getDialogPane().setContent(scroll);
        getDialogPane().setPrefWidth(780);
        getDialogPane().getButtonTypes().setAll(ButtonType.CANCEL, SAVE);
        setResizable(true);
        setResultConverter(button -> button == SAVE ? model.form() : null);
    }

    /** The remote engine's server: URL, token, kernel listed from the server, "Test connection". */
    private void jupyterServer(JupyterServerViewModel server, javafx.beans.value.ObservableBooleanValue off) {
        TextField address = new TextField();
        address.setId("jupyter-url");
        address.setPromptText("http://127.0.0.1:8888, https://hub.example.org/user/NAME, or a gateway");
        address.textProperty().bindBidirectional(server.urlProperty());
        address.disableProperty().bind(off);
        field("Jupyter server", address);
        PasswordField token = new PasswordField();
        token.setId("jupyter-token");
        token.setPromptText("blank: $JUPYTER_TOKEN");
        token.textProperty().bindBidirectional(server.tokenProperty());
        token.disableProperty().bind(off);
        field("Token", token);
        ComboBox<String> kernels = new ComboBox<>(server.kernels());
        kernels.setId("jupyter-kernel");
        kernels.setEditable(true);
        kernels.setPromptText("the server's default");
        kernels.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(kernels, Priority.ALWAYS);
        kernels.valueProperty().bindBidirectional(server.kernelProperty());
        Button listKernels = new Button("List kernels");
        listKernels.setOnAction(event -> server.listKernels());
        Button test = new Button("Test connection");
        test.setId("jupyter-test");
        test.setOnAction(event -> server.testConnection());
        listKernels.disableProperty().bind(Bindings.or(off, server.busyProperty()));
        test.disableProperty().bind(Bindings.or(off, server.busyProperty()));
        kernels.disableProperty().bind(off);
        field("Kernel", new HBox(6, kernels, listKernels, test));
        Label result = new Label();
        result.setId("jupyter-result");
        result.setWrapText(true);
        result.textProperty().bind(server.messageProperty());
        result.getStyleClass().add("doctor");
        server.okProperty().addListener((obs, old, ok) -> {
            result.getStyleClass().removeAll("ok", "bad");
            result.getStyleClass().add(ok ? "ok" : "bad");
        });
        grid.add(result, 1, row++);
        TextField data = new TextField();
        data.setPromptText("optional: a folder on the server where the data already is (read there, not uploaded)");
        data.textProperty().bindBidirectional(server.dataPathProperty());
        data.disableProperty().bind(off);
        field("Data on server", data);
        TextField ca = new TextField();
        ca.setPromptText("optional: a PEM file of extra certificate authorities for https");
        ca.textProperty().bindBidirectional(server.caFileProperty());
        ca.disableProperty().bind(off);
        field("CA file", ca);
        hint("The token is stored only in the settings file, readable by you alone.");
    }

    private void section(String title) {
        Label label = new Label(title);
        label.getStyleClass().add("settings-section");
        grid.add(label, 0, row++, 2, 1);
    }

    private void field(String title, Node node) {
        grid.add(new Label(title), 0, row);
        grid.add(node, 1, row++);
    }

    private void note(javafx.beans.value.ObservableValue<String> text) {
        Label label = new Label();
        label.getStyleClass().add("muted");
        label.setWrapText(true);
        label.textProperty().bind(text);
        label.visibleProperty().bind(Bindings.isNotEmpty(label.textProperty()));
        label.managedProperty().bind(label.visibleProperty());
        grid.add(label, 1, row++);
    }

    private void hint(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("muted");
        label.setWrapText(true); // a narrow dialog wraps a hint rather than cutting it
        label.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        grid.add(label, 1, row++);
    }
}
