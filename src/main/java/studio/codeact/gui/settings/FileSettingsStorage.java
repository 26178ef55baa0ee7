package studio.codeact.gui.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import studio.codeact.engine.EngineKind;
import studio.codeact.engine.JupyterServerConfig;
import studio.codeact.engine.sandbox.SandboxSettings;
import studio.codeact.llm.ChatModels;
import studio.codeact.llm.ModelInfo;
import studio.codeact.llm.Provider;
import studio.codeact.llm.ProviderConfig;
import studio.codeact.llm.settings.ModelSettings;
import studio.codeact.llm.settings.PriceTable;
import studio.codeact.llm.settings.SettingsFile;

import java.util.List;

/**
 * Settings in the shared, owner-only settings file: the model part in its {@code "llm"} section
 * (as the CLI reads it), the interpreter under {@code "python"} (as the launcher reads it), and
 * the engine and assistant settings beside them:
 * <pre>{@code
 * "engine": "embedded", "kernelSpec": "",
 * "jupyter": {"url": "http://127.0.0.1:8888", "token": "…", "kernel": "", "caFile": "", "dataPath": ""},
 * "agent": {"maxTurns": 10, "cellTimeoutSeconds": 60, "privacy": "sample_rows"},
 * "sandbox": {"enabled": true, "allowNetwork": false},
 * "compute": {"memoryLimit": "2G", "eagerLimit": "", "daskScheduler": ""}, "outputLimit": 100000,
 * "prices": {"gpt-4o-mini": {"input": 0.15, "cached_input": 0.075, "output": 0.6, "cache_write": 0.15}}
 * }</pre>
 * Theme and font size live with the window's state, not here.
 */
public final class FileSettingsStorage implements SettingsStorage {

    public static final int DEFAULT_TURNS = 10;
    public static final int DEFAULT_CELL_TIMEOUT = 60;

    private final SettingsFile file;

    public FileSettingsStorage(SettingsFile file) {
        this.file = file;
    }

    public SettingsFile file() {
        return file;
    }

    @Override
    public SettingsForm load() {
        ObjectNode root = file.read();
        ModelSettings saved = ModelSettings.fromJson(root);
        Provider provider = saved.provider() == null ? Provider.OPENAI : saved.provider();
        ModelSettings.Endpoint endpoint = saved.endpoint(provider);
        ProviderChoice choice = saved.provider() == null ? ProviderChoice.OPENAI : ProviderChoice.of(provider.id(), endpoint.baseUrl());
        JsonNode agent = root.path("agent");
        EngineKind engine = root.hasNonNull("engine") ? EngineKind.parse(root.get("engine").asText()) : EngineKind.EMBEDDED;
        return new SettingsForm(choice, endpoint.baseUrl(), endpoint.model() == null ? "" : endpoint.model(),
                endpoint.apiKey(), engine, root.path("python").asText(""), root.path("kernelSpec").asText(""),
                agent.path("maxTurns").asInt(DEFAULT_TURNS), agent.path("cellTimeoutSeconds").asInt(DEFAULT_CELL_TIMEOUT),
                "schema_only".equals(agent.path("privacy").asText()), false, 13, PriceTable.read(root).toText(),
                jupyter(root.path(JupyterServerConfig.SETTINGS_KEY)), SandboxSettings.fromJson(root), ComputeSettings.fromJson(root),
                OutputLimitSetting.fromJson(root));
    }

    @Override
    public void save(SettingsForm form) {
        Provider provider = Provider.of(form.provider().wire());
        PriceTable prices = PriceTable.parse(form.prices());
        file.update(root -> {
            if (prices.prices().isEmpty()) {
                root.remove(PriceTable.KEY);
            } else {
                prices.writeTo(root);
            }
            ModelSettings.fromJson(root).withProvider(provider)
                    .withEndpoint(provider, new ModelSettings.Endpoint(form.baseUrl(), form.apiKey(), form.model()))
                    .writeTo(root);
            if (form.python().isBlank()) {
                root.remove("python");
            } else {
                root.put("python", form.python());
            }
            root.put("engine", form.engine().id());
            root.put("kernelSpec", form.kernelSpec());
            ObjectNode agent = root.get("agent") instanceof ObjectNode existing ? existing : root.putObject("agent");
            agent.put("maxTurns", form.turnLimit());
            agent.put("cellTimeoutSeconds", form.cellTimeoutSeconds());
            agent.put("privacy", form.schemaOnly() ? "schema_only" : "sample_rows");
            form.sandbox().writeTo(root);
            form.compute().writeTo(root);
            OutputLimitSetting.writeTo(root, form.outputLimit());
            JupyterForm server = form.jupyter();
            if (server.equals(JupyterForm.EMPTY)) {
                root.remove(JupyterServerConfig.SETTINGS_KEY);
            } else {
                ObjectNode section = root.putObject(JupyterServerConfig.SETTINGS_KEY);
                section.put("url", server.url());
                section.put("token", server.token());
                section.put("kernel", server.kernel());
                section.put("caFile", server.caFile());
                section.put("dataPath", server.dataPath());
            }
        });
    }

    private static JupyterForm jupyter(JsonNode section) {
        return new JupyterForm(section.path("url").asText(""), section.path("token").asText(""), section.path("kernel").asText(""),
                section.path("caFile").asText(""), section.path("dataPath").asText(""));
    }

    @Override
    public List<String> listModels(SettingsForm form) {
        return ChatModels.create(config(form)).listModels().stream().map(ModelInfo::id).sorted().toList();
    }

    /** The connection a form describes. */
    public static ProviderConfig config(SettingsForm form) {
        return new ProviderConfig(Provider.of(form.provider().wire()), form.baseUrl(), form.apiKey(), form.model(), null, null);
    }
}
