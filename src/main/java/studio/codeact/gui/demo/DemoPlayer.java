package studio.codeact.gui.demo;

import studio.codeact.engine.ExecutionResult;
import studio.codeact.gui.cells.CellViewModel;
import studio.codeact.gui.cells.NotebookViewModel;
import studio.codeact.gui.chat.ChatItem;
import studio.codeact.gui.chat.ChatViewModel;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Plays a {@link Demo} with no model: its questions and scripted replies appear in the chat
 * (labelled as scripted), its code actions run live as cells in the user's engine, one after
 * another. Stop ends it after the running cell. Called on the UI thread.
 */
public final class DemoPlayer {

    private final ChatViewModel chat;
    private final NotebookViewModel notebook;
    private final Executor ui;
    private volatile boolean stopped;

    public DemoPlayer(ChatViewModel chat, NotebookViewModel notebook, Executor ui) {
        this.chat = chat;
        this.notebook = notebook;
        this.ui = ui;
    }

    /** Plays {@code demo}; its code reads data through {@code SAMPLES_DIR}, set to {@code samples}. Completes when done or stopped. */
    public CompletableFuture<Void> play(Demo demo, Path samples) {
        stopped = false;
        chat.notice(ChatItem.Level.INFO, demo.title() + " — " + demo.label());
        CompletableFuture<Void> chain = notebook.runHidden("SAMPLES_DIR = " + studio.codeact.engine.PythonLiteral.string(samples.toAbsolutePath().toString()))
                .thenAccept(result -> { });
        for (Demo.Turn turn : demo.turns()) {
            chain = chain.thenCompose(ignored -> onUi(() -> step(turn)));
        }
        return chain.handle((ok, error) -> {
            ui.execute(() -> {
                if (error != null) {
                    chat.failed("The demo stopped: " + studio.codeact.gui.Messages.sentence(error));
                } else if (stopped) {
                    chat.failed("The demo was stopped.");
                } else {
                    chat.answered();
                }
            });
            return null;
        });
    }

    /** Stops after the current step. */
    public void stop() {
        stopped = true;
    }

    private CompletableFuture<Void> step(Demo.Turn turn) {
        if (stopped) {
            return CompletableFuture.completedFuture(null);
        }
        return switch (turn) {
            case Demo.Turn.User user -> {
                chat.question(user.text());
                yield CompletableFuture.completedFuture(null);
            }
            case Demo.Turn.Assistant assistant -> {
                if (!assistant.text().isBlank()) {
                    chat.assistantDelta(assistant.text());
                    chat.assistantDone(null);
                }
                if (assistant.code().isBlank()) {
                    yield CompletableFuture.completedFuture(null);
                }
                CellViewModel cell = notebook.addCell(assistant.code(), CellViewModel.Origin.AGENT);
                chat.actionStarted(cell);
                CompletableFuture<ExecutionResult> run = notebook.run(cell);
                yield run.handle((result, error) -> {
                    ui.execute(() -> chat.actionFinished(cell));
                    return null;
                });
            }
        };
    }

    private CompletableFuture<Void> onUi(java.util.function.Supplier<CompletableFuture<Void>> work) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        ui.execute(() -> work.get().whenComplete((ok, error) -> {
            if (error != null) {
                done.completeExceptionally(error);
            } else {
                done.complete(null);
            }
        }));
        return done;
    }
}
