package studio.codeact.session;

import java.util.List;

/**
 * What a session runs on and what the model was told at the start.
 *
 * @param provider      {@code openai}, {@code anthropic} or another provider id
 * @param model         the model's id
 * @param engine        {@code embedded} or {@code kernel}
 * @param pythonVersion the interpreter's version, e.g. {@code 3.11.2}
 * @param actionMode    {@code tags} or {@code tools}: how the model writes actions
 * @param workingFolder the folder code runs in
 * @param maxTurns      the turn limit per question
 * @param systemPrompt  the system prompt as last sent (empty until it is known)
 * @param datasets      the datasets loaded before the first turn
 * @param sandbox       whether model code ran sandboxed, in the doctor's words: "on (Linux Landlock ABI 7 + seccomp)",
 *                      "off", "unavailable: reason", "not applicable (code runs on the server)"; empty when unknown
 */
public record SessionInfo(String provider, String model, String engine, String pythonVersion, String actionMode,
                          String workingFolder, int maxTurns, String systemPrompt, List<DatasetEntry> datasets, String sandbox) {

    public SessionInfo(String provider, String model, String engine, String pythonVersion, String actionMode,
                       String workingFolder, int maxTurns, String systemPrompt, List<DatasetEntry> datasets) {
        this(provider, model, engine, pythonVersion, actionMode, workingFolder, maxTurns, systemPrompt, datasets, "");
    }

    public SessionInfo {
        provider = orEmpty(provider);
        model = orEmpty(model);
        engine = orEmpty(engine);
        pythonVersion = orEmpty(pythonVersion);
        actionMode = orEmpty(actionMode);
        workingFolder = orEmpty(workingFolder);
        systemPrompt = orEmpty(systemPrompt);
        datasets = datasets == null ? List.of() : List.copyOf(datasets);
        sandbox = orEmpty(sandbox);
    }

    public SessionInfo withSystemPrompt(String prompt, String mode) {
        return new SessionInfo(provider, model, engine, pythonVersion, mode, workingFolder, maxTurns, prompt, datasets, sandbox);
    }

    public SessionInfo withDatasets(List<DatasetEntry> loaded) {
        return new SessionInfo(provider, model, engine, pythonVersion, actionMode, workingFolder, maxTurns, systemPrompt, loaded, sandbox);
    }

    public SessionInfo withPythonVersion(String version) {
        return new SessionInfo(provider, model, engine, version, actionMode, workingFolder, maxTurns, systemPrompt, datasets, sandbox);
    }

    public SessionInfo withSandbox(String state) {
        return new SessionInfo(provider, model, engine, pythonVersion, actionMode, workingFolder, maxTurns, systemPrompt, datasets, state);
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
