package studio.codeact.gui.assistant;

import studio.codeact.agent.ActionMode;
import studio.codeact.agent.AgentConfig;
import studio.codeact.agent.CodeActAgent;
import studio.codeact.agent.Privacy;
import studio.codeact.engine.PythonEngine;
import studio.codeact.gui.settings.FileSettingsStorage;
import studio.codeact.gui.settings.SettingsForm;
import studio.codeact.llm.ChatModel;
import studio.codeact.llm.ChatModels;
import studio.codeact.session.Session;
import studio.codeact.session.SessionInfo;
import studio.codeact.session.SessionStore;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/** Builds the window's assistant: the CodeAct agent over the model in the settings, recording into the session folder. */
public final class AgentAssistant {

    private AgentAssistant() {
    }

    /** Assistants whose model client comes from the settings in force (OpenAI-compatible or Anthropic). */
    public static Function<AssistantContext, Assistant> fromSettings() {
        return withModel(form -> ChatModels.create(FileSettingsStorage.config(form)));
    }

    /** Assistants with a given way of making the model client (tests point it at a local server). */
    public static Function<AssistantContext, Assistant> withModel(Function<SettingsForm, ChatModel> models) {
        return context -> {
            ExecutorService agentThread = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "codeact-gui-agent");
                thread.setDaemon(true);
                return thread;
            });
            AssistantBridge bridge = new AssistantBridge(
                    store -> {
                        SettingsForm form = context.settings().get();
                        PythonEngine engine = context.engine().get().join();
                        return new CodeActAgent(models.apply(form), engine, store, config(form));
                    },
                    () -> {
                        SettingsForm form = context.settings().get();
                        java.nio.file.Path folder = context.workingFolder().get();
                        SessionInfo info = new SessionInfo(form.provider().wire(), form.model(), form.engine().id(), "", "",
                                folder.toString(), form.turnLimit(), "", java.util.List.of());
                        // The folder is made on first use (nothing to keep before); the lock file lives in it.
                        try {
                            studio.codeact.session.PrivateFiles.createFolders(folder);
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException("could not create the session folder " + folder + ": " + e.getMessage(), e);
                        }
                        // Held for the app's life: a session left running with a free lock belongs to a dead process.
                        studio.codeact.session.SessionLock.holdForProcess(folder, "CodeAct Studio");
                        return SessionStore.create(folder, Session.start(folder.getFileName().toString(), Instant.now(), info));
                    },
                    context.chat(), context.notebook(), context.ui(), agentThread, context.askFirst(), context.approvals());
            bridge.setPrices(() -> context.settings().get().price());
            return bridge;
        };
    }

    static AgentConfig config(SettingsForm form) {
        AgentConfig config = AgentConfig.defaults(form.provider().wire(), form.model())
                // Local and custom OpenAI-compatible servers often lack tool calling: code in <execute> tags works with any model.
                .withActionMode(form.provider().needsKey() ? ActionMode.AUTO : ActionMode.TAGS)
                .withMaxTurns(form.turnLimit())
                // Settings → Assistant → Output limit: what the engines and the stored cells keep of printed output
                .withStoredStreamChars(studio.codeact.engine.OutputBound.defaultLimit())
                .withPrivacy(form.schemaOnly() ? Privacy.SCHEMA_ONLY : Privacy.SAMPLE_ROWS);
        return form.cellTimeoutSeconds() > 0 ? config.withCellTimeout(Duration.ofSeconds(form.cellTimeoutSeconds()))
                : config.withCellTimeout(Duration.ofDays(1));
    }
}
