package studio.codeact.agent;

import studio.codeact.session.OutputCompaction;

import java.time.Duration;
import java.util.Objects;

/**
 * How the agent behaves. {@link #defaults(String, String)} gives the product's defaults.
 *
 * @param provider          the provider id ({@code openai}, {@code anthropic}); decides {@link ActionMode#AUTO}
 * @param model             the model id sent with every request
 * @param actionMode        how the model writes actions
 * @param maxTurns          model turns per question (default 10)
 * @param cellTimeout       longest an action may run before it is interrupted
 * @param observationBudget characters of one observation (default about 4,000)
 * @param contextBudget     characters of the whole request before old turns are shortened
 * @param foldSystemRole    send the system prompt inside the first user message (models without a system role)
 * @param vision            send figures to the model as images too
 * @param privacy           whether the prompt may show sample rows
 * @param sampleRows        rows of each dataset shown in the prompt
 * @param temperature       sampling temperature, or {@code null} for the server's default
 * @param maxTokens         most output tokens per reply, or {@code null} for the provider's default
 * @param storedStreamChars cap on the stored text of one stream output in the session
 */
public record AgentConfig(String provider, String model, ActionMode actionMode, int maxTurns, Duration cellTimeout,
                          int observationBudget, int contextBudget, boolean foldSystemRole, boolean vision, Privacy privacy,
                          int sampleRows, Double temperature, Integer maxTokens, int storedStreamChars) {

    public static final int DEFAULT_MAX_TURNS = 10;
    public static final Duration DEFAULT_CELL_TIMEOUT = Duration.ofSeconds(60);
    /** About 12,000 tokens: fits the context of small local models with room for the reply. */
    public static final int DEFAULT_CONTEXT_BUDGET = 48_000;

    public AgentConfig {
        Objects.requireNonNull(model, "model");
        provider = provider == null ? "" : provider;
        Objects.requireNonNull(actionMode, "actionMode");
        if (maxTurns < 1) {
            throw new IllegalArgumentException("the turn limit must be at least 1");
        }
        Objects.requireNonNull(cellTimeout, "cellTimeout");
        if (contextBudget < observationBudget * 2) {
            throw new IllegalArgumentException("the context budget must hold at least two observations");
        }
        Objects.requireNonNull(privacy, "privacy");
    }

    public static AgentConfig defaults(String provider, String model) {
        return new AgentConfig(provider, model, ActionMode.AUTO, DEFAULT_MAX_TURNS, DEFAULT_CELL_TIMEOUT,
                ObservationFormatter.DEFAULT_BUDGET, DEFAULT_CONTEXT_BUDGET, false, false, Privacy.SAMPLE_ROWS, 3, null, null,
                OutputCompaction.DEFAULT_STREAM_CHARS);
    }

    public AgentConfig withActionMode(ActionMode mode) {
        return new AgentConfig(provider, model, mode, maxTurns, cellTimeout, observationBudget, contextBudget, foldSystemRole, vision,
                privacy, sampleRows, temperature, maxTokens, storedStreamChars);
    }

    public AgentConfig withMaxTurns(int turns) {
        return new AgentConfig(provider, model, actionMode, turns, cellTimeout, observationBudget, contextBudget, foldSystemRole, vision,
                privacy, sampleRows, temperature, maxTokens, storedStreamChars);
    }

    public AgentConfig withCellTimeout(Duration timeout) {
        return new AgentConfig(provider, model, actionMode, maxTurns, timeout, observationBudget, contextBudget, foldSystemRole, vision,
                privacy, sampleRows, temperature, maxTokens, storedStreamChars);
    }

    public AgentConfig withBudgets(int observation, int context) {
        return new AgentConfig(provider, model, actionMode, maxTurns, cellTimeout, observation, context, foldSystemRole, vision,
                privacy, sampleRows, temperature, maxTokens, storedStreamChars);
    }

    /** The cap on the stored text of one stream output (the session's copy of a cell's output). */
    public AgentConfig withStoredStreamChars(int chars) {
        return new AgentConfig(provider, model, actionMode, maxTurns, cellTimeout, observationBudget, contextBudget, foldSystemRole, vision,
                privacy, sampleRows, temperature, maxTokens, chars);
    }

    public AgentConfig withFoldSystemRole(boolean fold) {
        return new AgentConfig(provider, model, actionMode, maxTurns, cellTimeout, observationBudget, contextBudget, fold, vision,
                privacy, sampleRows, temperature, maxTokens, storedStreamChars);
    }

    public AgentConfig withVision(boolean images) {
        return new AgentConfig(provider, model, actionMode, maxTurns, cellTimeout, observationBudget, contextBudget, foldSystemRole, images,
                privacy, sampleRows, temperature, maxTokens, storedStreamChars);
    }

    public AgentConfig withPrivacy(Privacy setting) {
        return new AgentConfig(provider, model, actionMode, maxTurns, cellTimeout, observationBudget, contextBudget, foldSystemRole, vision,
                setting, sampleRows, temperature, maxTokens, storedStreamChars);
    }

    public AgentConfig withSampling(Double sampleTemperature, Integer outputTokens) {
        return new AgentConfig(provider, model, actionMode, maxTurns, cellTimeout, observationBudget, contextBudget, foldSystemRole, vision,
                privacy, sampleRows, sampleTemperature, outputTokens, storedStreamChars);
    }
}
