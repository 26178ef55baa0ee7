package studio.codeact.gui.shell;

import javafx.stage.Stage;
import studio.codeact.engine.OutputBound;
import studio.codeact.gui.Doctor;
import studio.codeact.gui.Messages;
import studio.codeact.gui.Theme;
import studio.codeact.gui.UiExecutor;
import studio.codeact.gui.chat.ChatItem;
import studio.codeact.gui.settings.SettingsDialog;
import studio.codeact.gui.settings.SettingsForm;
import studio.codeact.gui.settings.SettingsStorage;
import studio.codeact.gui.settings.SettingsViewModel;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The settings in force and how they change: read at start, the settings dialog, the comparison
 * of the old and the saved settings (a new engine or model resets the assistant; a new engine
 * is made afresh), and the doctor's check of the interpreter. Called on the FX thread; the
 * settings file and the doctor are read on a worker; {@link #current()} from any thread.
 */
final class SettingsFlow {

    private final Stage stage;
    private final MainViewModel model;
    private final SettingsStorage storage;
    private final Function<SettingsForm, Doctor.Report> doctor;
    private final Executor workers;
    /** Forgets the assistant's conversation (its model or engine changed). */
    private final Runnable resetAssistant;
    private volatile SettingsForm settings = SettingsForm.defaults();

    SettingsFlow(Stage stage, MainViewModel model, SettingsStorage storage, Function<SettingsForm, Doctor.Report> doctor,
                 Executor workers, Runnable resetAssistant) {
        this.stage = stage;
        this.model = model;
        this.storage = storage;
        this.doctor = doctor;
        this.workers = workers;
        this.resetAssistant = resetAssistant;
    }

    /** The settings in force (read at start, changed by the settings dialog). */
    SettingsForm current() {
        return settings;
    }

    /** Reads the settings file on a worker and applies it (or warns), then runs {@code then} and checks the interpreter. */
    void readAtStart(Runnable then) {
        CompletableFuture.supplyAsync(storage::load, workers)
                .whenComplete((form, error) -> UiExecutor.fx().execute(() -> {
                    if (error != null) {
                        model.chat().notice(ChatItem.Level.WARNING, "The settings could not be read: " + Messages.sentence(error));
                    } else {
                        apply(form);
                    }
                    then.run();
                    checkPython();
                }));
    }

    /** The doctor's check of the interpreter in the settings; what it finds missing shows in the window with the fix. */
    void checkPython() {
        SettingsForm form = settings;
        CompletableFuture.supplyAsync(() -> doctor.apply(form), workers)
                .thenAccept(report -> UiExecutor.fx().execute(() -> model.engine().reportDoctor(report)));
    }

    private void apply(SettingsForm form) {
        settings = form;
        model.chat().modelConfiguredProperty().set(form.modelConfigured());
        model.setModelName(form.modelConfigured() ? form.model() : "");
        model.notebook().cellTimeoutProperty().set(form.cellTimeoutSeconds() == 0 ? null : Duration.ofSeconds(form.cellTimeoutSeconds()));
        model.sandboxConfigured(form.sandbox(), form.engine(), model.engine().current().isPresent());
        OutputBound.setDefaultLimit(form.outputLimit()); // what cells and the stream view keep, from the next cell on
    }

    /** Shows the settings dialog; what is saved applies at once (see {@link #applySaved}). */
    void openDialog() {
        SettingsViewModel form = new SettingsViewModel(storage, Doctor::check, UiExecutor.fx(), workers);
        SettingsDialog dialog = new SettingsDialog(stage, form);
        Theme.style(dialog.getDialogPane(), model.fontSizeProperty().get());
        form.load().thenRun(() -> UiExecutor.fx().execute(() -> {
            form.darkProperty().set(model.darkProperty().get());
            form.fontSizeProperty().set(model.fontSizeProperty().get());
        }));
        dialog.showAndWait().ifPresent(chosen -> form.save().whenComplete((saved, error) -> UiExecutor.fx().execute(() -> {
            if (error != null) {
                model.chat().notice(ChatItem.Level.ERROR, "Settings were not saved: " + form.saveErrorProperty().get());
                return;
            }
            applySaved(saved);
        })));
    }

    /**
     * Applies settings just saved: the look at once; a new model or engine resets the assistant; a new
     * engine is made. A sandbox change alone applies when Python next starts (Restart Python makes a new
     * engine then), so the variables of the running one are not lost without asking.
     */
    private void applySaved(SettingsForm saved) {
        SettingsForm before = settings;
        boolean engineChanged = engineChanged(settings, saved);
        boolean modelChanged = modelChanged(settings, saved);
        model.darkProperty().set(saved.dark());
        model.fontSizeProperty().set(saved.fontSize());
        apply(saved);
        if (modelChanged || engineChanged) {
            resetAssistant.run();
        }
        if (!engineChanged && !saved.sandbox().equals(before.sandbox())) {
            model.engine().renewOnRestart();
        }
        if (engineChanged) {
            model.engine().recreate().whenComplete((engine, failure) -> UiExecutor.fx().execute(this::checkPython));
        }
    }

    /** Whether Python must start afresh: another engine, interpreter or kernel. */
    static boolean engineChanged(SettingsForm before, SettingsForm after) {
        return after.engine() != before.engine() || !after.python().equals(before.python())
                || !after.kernelSpec().equals(before.kernelSpec());
    }

    /** Whether the language model is another one: provider, address, model name or key. */
    static boolean modelChanged(SettingsForm before, SettingsForm after) {
        return after.provider() != before.provider() || !after.baseUrl().equals(before.baseUrl())
                || !after.model().equals(before.model()) || !after.apiKey().equals(before.apiKey());
    }
}
