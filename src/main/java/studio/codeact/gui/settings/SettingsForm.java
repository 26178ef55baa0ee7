package studio.codeact.gui.settings;

import studio.codeact.engine.EngineKind;
import studio.codeact.engine.sandbox.SandboxSettings;

/**
 * What the settings dialog edits, as plain values.
 *
 * @param provider           which server kind
 * @param baseUrl            the server's URL
 * @param model              the model id
 * @param apiKey             the secret (stored only in the owner-only settings file)
 * @param engine             embedded (default) or kernel
 * @param python             interpreter path; blank means the default choice
 * @param kernelSpec         kernel engine only: a kernelspec name, blank for the interpreter above
 * @param turnLimit          most model turns per question
 * @param cellTimeoutSeconds interrupt a cell after this long; 0 means no limit
 * @param schemaOnly         send the model only column names and types, never sample rows
 * @param dark               dark theme
 * @param fontSize           text size in pixels
 * @param prices             the price table as text, one model a line ({@link studio.codeact.llm.settings.PriceTable}); empty by default
 * @param jupyter            the remote engine's Jupyter server
 * @param sandbox            Settings → Sandbox: the off switch and network access (applies when Python next starts)
 * @param compute            Settings → Compute: memory ceiling, eager limit, Dask scheduler (applies when Python next starts)
 * @param outputLimit        Settings → Assistant → Output limit: characters kept of a cell's printed output (head and tail)
 */
public record SettingsForm(ProviderChoice provider, String baseUrl, String model, String apiKey, EngineKind engine,
                           String python, String kernelSpec, int turnLimit, int cellTimeoutSeconds, boolean schemaOnly,
                           boolean dark, int fontSize, String prices, JupyterForm jupyter,
                           SandboxSettings sandbox, ComputeSettings compute, int outputLimit) {

    /** A form with the default output limit. */
    public SettingsForm(ProviderChoice provider, String baseUrl, String model, String apiKey, EngineKind engine, String python,
                        String kernelSpec, int turnLimit, int cellTimeoutSeconds, boolean schemaOnly, boolean dark, int fontSize, String prices,
                        JupyterForm jupyter, SandboxSettings sandbox, ComputeSettings compute) {
        this(provider, baseUrl, model, apiKey, engine, python, kernelSpec, turnLimit, cellTimeoutSeconds, schemaOnly, dark, fontSize, prices,
                jupyter, sandbox, compute, studio.codeact.engine.OutputBound.DEFAULT_LIMIT);
    }

    /** A form with the default compute settings. */
    public SettingsForm(ProviderChoice provider, String baseUrl, String model, String apiKey, EngineKind engine, String python,
                        String kernelSpec, int turnLimit, int cellTimeoutSeconds, boolean schemaOnly, boolean dark, int fontSize, String prices,
                        JupyterForm jupyter, SandboxSettings sandbox) {
        this(provider, baseUrl, model, apiKey, engine, python, kernelSpec, turnLimit, cellTimeoutSeconds, schemaOnly, dark, fontSize, prices,
                jupyter, sandbox, ComputeSettings.DEFAULTS);
    }

    /** A form with the default sandbox (on, no network). */
    public SettingsForm(ProviderChoice provider, String baseUrl, String model, String apiKey, EngineKind engine, String python,
                        String kernelSpec, int turnLimit, int cellTimeoutSeconds, boolean schemaOnly, boolean dark, int fontSize, String prices,
                        JupyterForm jupyter) {
        this(provider, baseUrl, model, apiKey, engine, python, kernelSpec, turnLimit, cellTimeoutSeconds, schemaOnly, dark, fontSize, prices,
                jupyter, SandboxSettings.DEFAULTS);
    }

    /** A form with an empty price table and no Jupyter server. */
    public SettingsForm(ProviderChoice provider, String baseUrl, String model, String apiKey, EngineKind engine, String python,
                        String kernelSpec, int turnLimit, int cellTimeoutSeconds, boolean schemaOnly, boolean dark, int fontSize) {
        this(provider, baseUrl, model, apiKey, engine, python, kernelSpec, turnLimit, cellTimeoutSeconds, schemaOnly, dark, fontSize, "",
                JupyterForm.EMPTY);
    }

    /** A form with a price table and no Jupyter server. */
    public SettingsForm(ProviderChoice provider, String baseUrl, String model, String apiKey, EngineKind engine, String python,
                        String kernelSpec, int turnLimit, int cellTimeoutSeconds, boolean schemaOnly, boolean dark, int fontSize, String prices) {
        this(provider, baseUrl, model, apiKey, engine, python, kernelSpec, turnLimit, cellTimeoutSeconds, schemaOnly, dark, fontSize, prices,
                JupyterForm.EMPTY);
    }

    /** A form with a Jupyter server and an empty price table. */
    public SettingsForm(ProviderChoice provider, String baseUrl, String model, String apiKey, EngineKind engine, String python,
                        String kernelSpec, int turnLimit, int cellTimeoutSeconds, boolean schemaOnly, boolean dark, int fontSize, JupyterForm jupyter) {
        this(provider, baseUrl, model, apiKey, engine, python, kernelSpec, turnLimit, cellTimeoutSeconds, schemaOnly, dark, fontSize, "", jupyter);
    }

    public SettingsForm {
        provider = provider == null ? ProviderChoice.OPENAI : provider;
        baseUrl = baseUrl == null || baseUrl.isBlank() ? provider.defaultUrl() : baseUrl.strip();
        model = model == null ? "" : model.strip();
        apiKey = apiKey == null ? "" : apiKey.strip();
        engine = engine == null ? EngineKind.EMBEDDED : engine;
        python = python == null ? "" : python.strip();
        kernelSpec = kernelSpec == null ? "" : kernelSpec.strip();
        turnLimit = turnLimit <= 0 ? 10 : turnLimit;
        cellTimeoutSeconds = Math.max(0, cellTimeoutSeconds);
        prices = prices == null ? "" : prices.strip();
        jupyter = jupyter == null ? JupyterForm.EMPTY : jupyter;
        sandbox = sandbox == null ? SandboxSettings.DEFAULTS : sandbox;
        compute = compute == null ? ComputeSettings.DEFAULTS : compute;
        outputLimit = outputLimit < OutputLimitSetting.MINIMUM ? studio.codeact.engine.OutputBound.DEFAULT_LIMIT : outputLimit;
    }

    /** The price of the model in use, when the table names it. */
    public java.util.Optional<studio.codeact.llm.settings.ModelPrice> price() {
        try {
            return studio.codeact.llm.settings.PriceTable.parse(prices).forModel(model);
        } catch (IllegalArgumentException badTable) {
            return java.util.Optional.empty();
        }
    }

    public static SettingsForm defaults() {
        return new SettingsForm(ProviderChoice.OPENAI, null, "", "", EngineKind.EMBEDDED, "", "", 10, 60, false, false, 13);
    }

    /** True when a model can be called: a model id, a URL, and a key where the provider needs one. */
    public boolean modelConfigured() {
        return !model.isEmpty() && !baseUrl.isEmpty() && (!provider.needsKey() || !apiKey.isEmpty());
    }

    public SettingsForm withEngine(EngineKind kind) {
        return new SettingsForm(provider, baseUrl, model, apiKey, kind, python, kernelSpec, turnLimit, cellTimeoutSeconds, schemaOnly, dark, fontSize,
                prices, jupyter, sandbox);
    }

    public SettingsForm withJupyter(JupyterForm server) {
        return new SettingsForm(provider, baseUrl, model, apiKey, engine, python, kernelSpec, turnLimit, cellTimeoutSeconds, schemaOnly, dark,
                fontSize, prices, server, sandbox);
    }

    public SettingsForm withAppearance(boolean isDark, int size) {
        return new SettingsForm(provider, baseUrl, model, apiKey, engine, python, kernelSpec, turnLimit, cellTimeoutSeconds, schemaOnly, isDark, size,
                prices, jupyter, sandbox);
    }

    public SettingsForm withSandbox(SandboxSettings chosen) {
        return new SettingsForm(provider, baseUrl, model, apiKey, engine, python, kernelSpec, turnLimit, cellTimeoutSeconds, schemaOnly, dark,
                fontSize, prices, jupyter, chosen);
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "SettingsForm[provider=" + provider.name() + ", baseUrl=" + baseUrl + ", model=" + model
                + ", apiKey=" + (apiKey.isEmpty() ? "(none)" : "***") + ", engine=" + engine + ", python=" + python
                + ", turnLimit=" + turnLimit + ", cellTimeoutSeconds=" + cellTimeoutSeconds + ", schemaOnly=" + schemaOnly + ", jupyter=" + jupyter + ", sandbox=" + sandbox + "]";
    }
}
