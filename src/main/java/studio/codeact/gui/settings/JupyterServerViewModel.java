package studio.codeact.gui.settings;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import studio.codeact.engine.Engines;
import studio.codeact.engine.JupyterServerCheck;
import studio.codeact.engine.JupyterServerConfig;
import studio.codeact.gui.Messages;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Settings → Python engine → "Jupyter server": URL, token, kernel (listed from the server), and
 * "Test connection", which starts a kernel on the server, asks it over the WebSocket and stops
 * it. Server calls run on the worker; properties change on the UI executor.
 */
public final class JupyterServerViewModel {

    private final Executor ui;
    private final Executor worker;

    private final StringProperty url = new SimpleStringProperty(this, "url", "");
    private final StringProperty token = new SimpleStringProperty(this, "token", "");
    private final StringProperty kernel = new SimpleStringProperty(this, "kernel", "");
    private final StringProperty caFile = new SimpleStringProperty(this, "caFile", "");
    private final StringProperty dataPath = new SimpleStringProperty(this, "dataPath", "");
    private final ObservableList<String> kernels = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper ok = new ReadOnlyBooleanWrapper(this, "ok", false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);

    public JupyterServerViewModel(Executor ui, Executor worker) {
        this.ui = ui;
        this.worker = worker;
    }

    // Properties

    public StringProperty urlProperty() { return url; }
    public StringProperty tokenProperty() { return token; }
    public StringProperty kernelProperty() { return kernel; }
    public StringProperty caFileProperty() { return caFile; }
    public StringProperty dataPathProperty() { return dataPath; }
    /** The kernelspec names the server has (filled by {@link #listKernels()} and {@link #testConnection()}). */
    public ObservableList<String> kernels() { return kernels; }
    /** What the last check found, as a sentence. */
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty okProperty() { return ok.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }

    // Commands

    public JupyterForm form() {
        return new JupyterForm(url.get(), token.get(), kernel.get(), caFile.get(), dataPath.get());
    }

    public void show(JupyterForm form) {
        url.set(form.url());
        token.set(form.token());
        kernel.set(form.kernel());
        caFile.set(form.caFile());
        dataPath.set(form.dataPath());
    }

    /** Asks the server for its kernelspecs (no kernel is started). */
    public CompletableFuture<Void> listKernels() {
        return check(false);
    }

    /** Checks the server and token, lists its kernelspecs, and starts, asks and stops a kernel. */
    public CompletableFuture<Void> testConnection() {
        return check(true);
    }

    private CompletableFuture<Void> check(boolean startKernel) {
        JupyterForm form = form();
        busy.set(true);
        message.set(startKernel ? "Starting a kernel on " + form.url() + "…" : "Asking " + form.url() + " for its kernels…");
        return CompletableFuture.supplyAsync(() -> {
            JupyterServerConfig config = form.toConfig(System.getenv());
            return Engines.checkJupyterServer(config, startKernel);
        }, worker).handle((check, error) -> {
            ui.execute(() -> {
                busy.set(false);
                ok.set(error == null);
                if (error != null) {
                    message.set(Messages.sentence(error));
                    return;
                }
                kernels.setAll(check.kernelSpecs());
                if (kernel.get().isBlank() && !check.defaultKernel().isBlank()) {
                    kernel.set(check.defaultKernel());
                }
                message.set(describe(check));
            });
            return null;
        });
    }

    private static String describe(JupyterServerCheck check) {
        String server = "Jupyter Server " + check.version() + ", " + check.kernelSpecs().size() + " kernelspecs";
        if (check.kernelStarted().isEmpty()) {
            return server + ".";
        }
        return String.format(Locale.ROOT, "%s. Kernel %s (Python %s) started, answered over the %s WebSocket and stopped in %.1f s.",
                server, check.kernelStarted(), check.pythonVersion(), check.wireFormat(), check.kernelMillis() / 1000);
    }
}
