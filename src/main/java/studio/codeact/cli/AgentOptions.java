package studio.codeact.cli;

import picocli.CommandLine.Option;
import studio.codeact.agent.ActionMode;
import studio.codeact.agent.AgentConfig;
import studio.codeact.agent.Privacy;
import studio.codeact.engine.EngineKind;
import studio.codeact.llm.ProviderConfig;
import studio.codeact.llm.settings.ModelSettingsLoader;
import studio.codeact.llm.settings.SettingsFile;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The flags {@code ask} and {@code chat} share (a picocli mixin): the data, the model and how it
 * writes actions, where Python runs, the limits and budgets, where sessions go. Checked before
 * any engine or model starts; a bad value is an {@link IllegalArgumentException} (exit 2).
 */
final class AgentOptions {

    @Option(names = "--data", paramLabel = "FILE", description = "A data file to load first (CSV/TSV, Excel, JSON, JSON Lines, Parquet); repeatable.")
    List<Path> data = new ArrayList<>();

    @Option(names = "--provider", paramLabel = "openai|anthropic", description = "Model provider (default: settings, else from the API key variables).")
    String provider;

    @Option(names = "--base-url", paramLabel = "URL", description = "Server URL, e.g. http://localhost:11434/v1 for Ollama.")
    String baseUrl;

    @Option(names = "--model", paramLabel = "NAME", description = "Model id on that server.")
    String model;

    @Option(names = "--api-key-env", paramLabel = "VAR", description = "Environment variable holding the API key.")
    String apiKeyEnv;

    @Option(names = "--max-turns", paramLabel = "N", defaultValue = "10", description = "Model turns allowed for the question (default: ${DEFAULT-VALUE}).")
    int maxTurns;

    @Option(names = "--cell-timeout", paramLabel = "SEC", defaultValue = "60", description = "Interrupt an action after this many seconds (default: ${DEFAULT-VALUE}).")
    double cellTimeout;

    @Option(names = "--timeout", paramLabel = "SEC",
            description = "Longest wait for the model: to connect, for the first token, and between tokens (default: the settings file's limits, else 10/120/60 s).")
    Double timeout;

    @Option(names = "--output-limit", paramLabel = "CHARS",
            description = "Characters of a cell's printed output kept (head and tail, with a count of what was cut); memory stays bounded however much it prints (default: \"outputLimit\" in the settings file, else 100000).")
    Integer outputLimit;

    @Option(names = "--engine", paramLabel = "embedded|kernel|remote", defaultValue = "embedded", description = "Where Python runs (default: ${DEFAULT-VALUE}).")
    String engine;

    @picocli.CommandLine.Mixin
    JupyterOptions jupyter = new JupyterOptions();

    @Option(names = "--confirm", description = "Ask on the terminal before running each action.")
    boolean confirm;

    @Option(names = "--action-mode", paramLabel = "auto|tags|tools", defaultValue = "auto",
            description = "How the model writes actions: <execute> tags, native tool calls, or automatic by provider (default).")
    String actionMode;

    @Option(names = "--fold-system-prompt", description = "Send the system prompt inside the first user message (for models without a system role).")
    boolean foldSystem;

    @Option(names = "--vision", description = "Also send figures to the model as images (vision-capable models).")
    boolean vision;

    @Option(names = "--schema-only", description = "Show the model the datasets' columns and types, but no sample rows.")
    boolean schemaOnly;

    @Option(names = "--observation-budget", paramLabel = "CHARS", defaultValue = "4000", description = "Longest observation sent to the model (default: ${DEFAULT-VALUE}).")
    int observationBudget;

    @Option(names = "--context-budget", paramLabel = "CHARS", defaultValue = "48000",
            description = "Characters per request before old turns are shortened (default: ${DEFAULT-VALUE}).")
    int contextBudget;

    @Option(names = "--python", paramLabel = "PATH", description = "Python interpreter (default: $CODEACT_PYTHON, then /usr/bin/python3).")
    String python;

    @Option(names = "--sessions-dir", paramLabel = "DIR", description = "Where new session folders go (default: $CODEACT_SESSIONS, else ~/.local/share/codeact-studio/sessions).")
    Path sessionsDir;

    @picocli.CommandLine.Mixin
    SandboxOptions sandbox = new SandboxOptions();

    @picocli.CommandLine.Mixin
    ComputeOptions compute = new ComputeOptions();

    @Option(names = "--settings", paramLabel = "FILE", hidden = true, description = "Settings file to read instead of the standard one.")
    Path settings;

    EngineKind engineKind() {
        return EngineKind.parse(engine);
    }

    /** The model connection: flags, then environment, then the settings file; a cloud endpoint without a key is refused here. */
    ProviderConfig connection() {
        ProviderConfig connection = ModelTimeout.apply(new ModelSettingsLoader(settingsFile(), System.getenv())
                .resolve(new ModelSettingsLoader.Flags(provider, baseUrl, null, apiKeyEnv, model)), timeout);
        requireKeyForCloud(connection);
        return connection;
    }

    AgentConfig agentConfig(ProviderConfig connection) {
        if (maxTurns < 1) {
            throw new IllegalArgumentException("--max-turns must be at least 1");
        }
        if (!(cellTimeout > 0)) {
            throw new IllegalArgumentException("--cell-timeout must be a positive number of seconds");
        }
        return AgentConfig.defaults(connection.provider().id(), connection.model())
                .withActionMode(ActionMode.parse(actionMode))
                .withMaxTurns(maxTurns)
                .withCellTimeout(Duration.ofMillis(Math.round(cellTimeout * 1000)))
                .withBudgets(observationBudget, contextBudget)
                .withStoredStreamChars(limitOutput())
                .withFoldSystemRole(foldSystem)
                .withVision(vision)
                .withPrivacy(schemaOnly ? Privacy.SCHEMA_ONLY : Privacy.SAMPLE_ROWS);
    }

    /**
     * Applies {@code --output-limit} (else the settings file's {@code "outputLimit"}, else the
     * default) to the engines' kept output and returns it for the stored copy.
     */
    private int limitOutput() {
        int limit;
        if (outputLimit != null) {
            limit = outputLimit;
        } else {
            com.fasterxml.jackson.databind.JsonNode saved = settingsFile().read().path(OUTPUT_LIMIT_KEY);
            if (saved.isMissingNode() || saved.isNull()) {
                limit = studio.codeact.engine.OutputBound.DEFAULT_LIMIT;
            } else if (!saved.canConvertToInt() || saved.asInt() < 1_000) {
                throw new IllegalArgumentException("\"" + OUTPUT_LIMIT_KEY + "\" in the settings file " + settingsFile().path()
                        + " must be a whole number of characters, at least 1000 (it is " + saved + "); fix it or pass --output-limit CHARS");
            } else {
                limit = saved.asInt();
            }
        }
        if (limit < 1_000) {
            throw new IllegalArgumentException("--output-limit must be at least 1000 characters, not " + limit);
        }
        studio.codeact.engine.OutputBound.setDefaultLimit(limit);
        return limit;
    }

    /** The settings file's key for the output limit, shared with the desktop app. */
    static final String OUTPUT_LIMIT_KEY = studio.codeact.engine.OutputBound.SETTINGS_KEY;

    private SettingsFile settingsFile() {
        return settings == null ? SettingsFile.standard() : new SettingsFile(settings);
    }

    /** A cloud endpoint without a key would only fail later with a 401; say what to do before any call. */
    private void requireKeyForCloud(ProviderConfig connection) {
        boolean cloud = connection.baseUrl().replaceAll("/+$", "").equals(connection.provider().defaultBaseUrl().replaceAll("/+$", ""));
        if (cloud && !connection.hasApiKey()) {
            String variable = apiKeyEnv != null ? apiKeyEnv : connection.provider().apiKeyVariable();
            throw new IllegalArgumentException("no API key for " + connection.baseUrl() + ": set " + variable
                    + " (or --api-key-env VAR, or \"apiKey\" in the settings file " + settingsFile().path() + "); for a local model server use --base-url,"
                    + " e.g. --base-url http://localhost:11434/v1 for Ollama");
        }
    }
}
