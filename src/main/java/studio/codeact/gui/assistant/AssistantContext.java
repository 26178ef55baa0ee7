package studio.codeact.gui.assistant;

import studio.codeact.engine.PythonEngine;
import studio.codeact.gui.approval.ApprovalViewModel;
import studio.codeact.gui.approval.Decision;
import studio.codeact.gui.cells.NotebookViewModel;
import studio.codeact.gui.chat.ChatViewModel;
import studio.codeact.gui.settings.SettingsForm;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a window hands the assistant it makes: where to show things, the engine, the settings in
 * force, the session's folder, and how to ask the user to approve an action.
 *
 * @param engine    the engine, started (completes when it can run code)
 * @param settings  the settings in force when called
 * @param askFirst  whether each action waits for approval
 * @param approvals shows one action for approval (call on the UI thread)
 */
public record AssistantContext(ChatViewModel chat, NotebookViewModel notebook, Executor ui,
                               Supplier<CompletableFuture<PythonEngine>> engine, Supplier<SettingsForm> settings,
                               Path workingFolder, BooleanSupplier askFirst,
                               Function<ApprovalViewModel, CompletableFuture<Decision>> approvals) { }
