package studio.codeact.gui.settings;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import studio.codeact.engine.EngineKind;
import studio.codeact.gui.Doctor;
import studio.codeact.gui.Messages;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;

/**
 * The settings dialog's state: one property per setting, the server's model list, and the
 * doctor's verdict on the chosen interpreter. Network and interpreter checks run on the worker.
 */
public final class SettingsViewModel {

    public enum State { IDLE, LOADING_MODELS, CHECKING_PYTHON }

    private final SettingsStorage storage;
    private final BiFunction<String, EngineKind, Doctor.Report> doctor;
    private final Executor ui;
    private final Executor worker;

    private final ObjectProperty<ProviderChoice> provider = new SimpleObjectProperty<>(this, "provider", ProviderChoice.OPENAI);
    private final StringProperty baseUrl = new SimpleStringProperty(this, "baseUrl", "");
    private final StringProperty model = new SimpleStringProperty(this, "model", "");
    private final StringProperty apiKey = new SimpleStringProperty(this, "apiKey", "");
    private final ObjectProperty<EngineKind> engine = new SimpleObjectProperty<>(this, "engine", EngineKind.EMBEDDED);
    private final StringProperty python = new SimpleStringProperty(this, "python", "");
    private final StringProperty kernelSpec = new SimpleStringProperty(this, "kernelSpec", "");
    private final IntegerProperty turnLimit = new SimpleIntegerProperty(this, "turnLimit", 12);
    private final IntegerProperty cellTimeout = new SimpleIntegerProperty(this, "cellTimeout", 300);
    private final BooleanProperty schemaOnly = new SimpleBooleanProperty(this, "schemaOnly", false);
    private final BooleanProperty dark = new SimpleBooleanProperty(this, "dark", false);
    private final IntegerProperty fontSize = new SimpleIntegerProperty(this, "fontSize", 13);
    private final StringProperty prices = new SimpleStringProperty(this, "prices", "");
    private final StringProperty memoryLimit = new SimpleStringProperty(this, "memoryLimit", "");
    private final StringProperty eagerLimit = new SimpleStringProperty(this, "eagerLimit", "");
    private final StringProperty daskScheduler = new SimpleStringProperty(this, "daskScheduler", "");
    private final ReadOnlyStringWrapper computeProblem = new ReadOnlyStringWrapper(this, "computeProblem", "");
    private final StringProperty outputLimit = new SimpleStringProperty(this, "outputLimit", "");
    private final ReadOnlyStringWrapper outputLimitProblem = new ReadOnlyStringWrapper(this, "outputLimitProblem", "");
    /** The output limit last shown: kept when the field holds something invalid. */
    private int shownOutputLimit = studio.codeact.engine.OutputBound.DEFAULT_LIMIT;
    /** The compute settings last shown: kept when the fields hold something invalid. */
    private ComputeSettings shownCompute = ComputeSettings.DEFAULTS;

    private final ObservableList<String> models = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper modelsMessage = new ReadOnlyStringWrapper(this, "modelsMessage", "");
    private final ReadOnlyStringWrapper doctorSummary = new ReadOnlyStringWrapper(this, "doctorSummary", "");
    private final ReadOnlyStringWrapper doctorFix = new ReadOnlyStringWrapper(this, "doctorFix", "");
    private final ReadOnlyBooleanWrapper pythonOk = new ReadOnlyBooleanWrapper(this, "pythonOk", false);
    private final ReadOnlyStringWrapper saveError = new ReadOnlyStringWrapper(this, "saveError", "");
    private final JupyterServerViewModel jupyter;
    private final SandboxViewModel sandbox = new SandboxViewModel(studio.codeact.engine.sandbox.SandboxStatus.probe());

    /**
     * @param doctor checks an interpreter path for an engine kind (blocking; called on the worker)
     */
    public SettingsViewModel(SettingsStorage storage, BiFunction<String, EngineKind, Doctor.Report> doctor, Executor ui, Executor worker) {
        this.storage = storage;
        this.doctor = doctor;
        this.ui = ui;
        this.worker = worker;
        this.jupyter = new JupyterServerViewModel(ui, worker);
        provider.addListener((obs, old, now) -> {
            if (old != null && (baseUrl.get().isBlank() || baseUrl.get().equals(old.defaultUrl()))) {
                baseUrl.set(now.defaultUrl());
            }
            models.clear();
        });
        for (StringProperty field : java.util.List.of(memoryLimit, eagerLimit, daskScheduler)) {
            field.addListener((obs, old, now) -> computeProblem.set(typedCompute().problem().orElse("")));
        }
        outputLimit.addListener((obs, old, now) -> outputLimitProblem.set(OutputLimitSetting.problem(now).orElse("")));
    }

    // Properties

    public ObjectProperty<ProviderChoice> providerProperty() { return provider; }
    public StringProperty baseUrlProperty() { return baseUrl; }
    public StringProperty modelProperty() { return model; }
    public StringProperty apiKeyProperty() { return apiKey; }
    public ObjectProperty<EngineKind> engineProperty() { return engine; }
    public StringProperty pythonProperty() { return python; }
    public StringProperty kernelSpecProperty() { return kernelSpec; }
    public IntegerProperty turnLimitProperty() { return turnLimit; }
    /** Seconds; 0 means no limit. */
    public IntegerProperty cellTimeoutProperty() { return cellTimeout; }
    public BooleanProperty schemaOnlyProperty() { return schemaOnly; }
    public BooleanProperty darkProperty() { return dark; }
    public IntegerProperty fontSizeProperty() { return fontSize; }
    /** The price table as text: {@code MODEL INPUT CACHED_INPUT OUTPUT [CACHE_WRITE]}, dollars per million tokens. */
    public StringProperty pricesProperty() { return prices; }
    public StringProperty memoryLimitProperty() { return memoryLimit; }
    public StringProperty eagerLimitProperty() { return eagerLimit; }
    public StringProperty daskSchedulerProperty() { return daskScheduler; }
    /** What is wrong with the Compute fields (empty when they are valid); invalid fields are not saved. */
    public ReadOnlyStringProperty computeProblemProperty() { return computeProblem.getReadOnlyProperty(); }
    /** Settings → Assistant → Output limit, as typed (characters). */
    public StringProperty outputLimitProperty() { return outputLimit; }
    /** What is wrong with the typed output limit (empty when valid); an invalid one is not saved. */
    public ReadOnlyStringProperty outputLimitProblemProperty() { return outputLimitProblem.getReadOnlyProperty(); }

    /** The server's models, after {@link #refreshModels()}. */
    public ObservableList<String> models() {
        return models;
    }

    /** "Loading models…", how many were found, or why they could not be listed. */
    public ReadOnlyStringProperty modelsMessageProperty() { return modelsMessage.getReadOnlyProperty(); }
    public ReadOnlyStringProperty doctorSummaryProperty() { return doctorSummary.getReadOnlyProperty(); }
    /** The command that fixes the interpreter, or empty. */
    public ReadOnlyStringProperty doctorFixProperty() { return doctorFix.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty pythonOkProperty() { return pythonOk.getReadOnlyProperty(); }
    public ReadOnlyStringProperty saveErrorProperty() { return saveError.getReadOnlyProperty(); }
    /** The remote engine's server settings and checks. */
    public JupyterServerViewModel jupyter() { return jupyter; }
    /** Settings → Sandbox. */
    public SandboxViewModel sandbox() { return sandbox; }

    // Commands

    /** Fills the fields from storage (on the worker), then checks the interpreter. */
    public CompletableFuture<Void> load() {
        return CompletableFuture.supplyAsync(storage::load, worker)
                .thenAccept(form -> ui.execute(() -> {
                    show(form);
                    checkPython();
                }));
    }

    /** Shows {@code form} in the fields. */
    public void show(SettingsForm form) {
        provider.set(form.provider());
        baseUrl.set(form.baseUrl());
        model.set(form.model());
        apiKey.set(form.apiKey());
        engine.set(form.engine());
        python.set(form.python());
        kernelSpec.set(form.kernelSpec());
        turnLimit.set(form.turnLimit());
        cellTimeout.set(form.cellTimeoutSeconds());
        schemaOnly.set(form.schemaOnly());
        dark.set(form.dark());
        fontSize.set(form.fontSize());
        prices.set(form.prices());
        jupyter.show(form.jupyter());
        sandbox.show(form.sandbox());
        shownCompute = form.compute();
        memoryLimit.set(form.compute().memoryLimit());
        eagerLimit.set(form.compute().eagerLimit());
        daskScheduler.set(form.compute().daskScheduler());
        shownOutputLimit = form.outputLimit();
        outputLimit.set(Integer.toString(form.outputLimit()));
    }

    private int typedOutputLimit() {
        return OutputLimitSetting.problem(outputLimit.get()).isEmpty() ? OutputLimitSetting.parse(outputLimit.get()) : shownOutputLimit;
    }

    private ComputeSettings typedCompute() {
        return new ComputeSettings(memoryLimit.get(), eagerLimit.get(), daskScheduler.get());
    }

    /** The fields as a form. */
    public SettingsForm form() {
        return new SettingsForm(provider.get(), baseUrl.get(), model.get(), apiKey.get(), engine.get(), python.get(),
                kernelSpec.get(), turnLimit.get(), cellTimeout.get(), schemaOnly.get(), dark.get(), fontSize.get(), prices.get(), jupyter.form(),
                sandbox.form(), typedCompute().problem().isEmpty() ? typedCompute() : shownCompute, typedOutputLimit());
    }

    /** Asks the server which models it offers. */
    public CompletableFuture<Void> refreshModels() {
        SettingsForm form = form();
        modelsMessage.set("Asking " + form.baseUrl() + " for its models…");
        return CompletableFuture.supplyAsync(() -> storage.listModels(form), worker)
                .handle((found, error) -> {
                    ui.execute(() -> {
                        if (error != null) {
                            modelsMessage.set(Messages.sentence(error));
                        } else {
                            models.setAll(found);
                            modelsMessage.set(found.isEmpty() ? "The server lists no models; type the model's id."
                                    : found.size() + " models available.");
                            if (model.get().isBlank() && !found.isEmpty()) {
                                model.set(found.getFirst());
                            }
                        }
                    });
                    return null;
                });
    }

    /** Runs the doctor on the chosen interpreter for the chosen engine. */
    public CompletableFuture<Void> checkPython() {
        String path = python.get();
        EngineKind kind = engine.get();
        doctorSummary.set("Checking " + (path.isBlank() ? "the default Python" : path) + "…");
        doctorFix.set("");
        return CompletableFuture.supplyAsync(() -> doctor.apply(path, kind), worker)
                .handle((report, error) -> {
                    ui.execute(() -> {
                        Doctor.Report shown = error != null ? new Doctor.Report(false, Messages.sentence(error), "") : report;
                        pythonOk.set(shown.ok());
                        doctorSummary.set(shown.summary());
                        doctorFix.set(shown.fix());
                    });
                    return null;
                });
    }

    /** Writes the settings; completes with the saved form, or exceptionally (the reason is also in {@link #saveErrorProperty()}). */
    public CompletableFuture<SettingsForm> save() {
        SettingsForm form = form();
        saveError.set("");
        return CompletableFuture.supplyAsync(() -> {
            storage.save(form);
            return form;
        }, worker).whenComplete((saved, error) -> {
            if (error != null) {
                ui.execute(() -> saveError.set(Messages.sentence(error)));
            }
        });
    }

}
