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
    private Path samples;
    private java.util.function.BiConsumer<String, Path> onDataset = (variable, file) -> { };

    /** A data file a demo's code read into a variable ({@code sales = pd.read_csv(…'retail_sales.csv')}). */
    private static final java.util.regex.Pattern READ = java.util.regex.Pattern.compile(
            "(?m)^\\s*([A-Za-z_]\\w*)\\s*=\\s*pd\\.read_\\w+\\(.*?['\"]([^'\"]+\\.(?:csv|tsv|txt|xlsx|xls|json|jsonl|parquet))['\"]");

    public DemoPlayer(ChatViewModel chat, NotebookViewModel notebook, Executor ui) {
        this.chat = chat;
        this.notebook = notebook;
        this.ui = ui;
    }

    /** Plays {@code demo}; its code reads data through {@code SAMPLES_DIR}, set to {@code samples}. Completes when done or stopped. */
    public CompletableFuture<Void> play(Demo demo, Path samples) {
        stopped = false;
        this.samples = samples.toAbsolutePath();
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

    /** Called on the UI thread with each variable a demo cell loaded from a data file, once that cell worked (the Datasets panel lists it). */
    public void onDataset(java.util.function.BiConsumer<String, Path> listener) {
        onDataset = listener;
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
                    ui.execute(() -> {
                        chat.actionFinished(cell);
                        if (error == null && result.ok()) {
                            datasetsRead(assistant.code());
                        }
                    });
                    return null;
                });
            }
        };
    }

    private void datasetsRead(String code) {
        java.util.regex.Matcher read = READ.matcher(code);
        while (read.find()) {
            onDataset.accept(read.group(1), samples == null ? Path.of(read.group(2)) : samples.resolve(read.group(2)));
        }
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
