package studio.codeact.gui.assistant;

import studio.codeact.agent.AgentEvent;
import studio.codeact.agent.Approver;
import studio.codeact.agent.CodeActAgent;
import studio.codeact.agent.Dataset;
import studio.codeact.engine.ExecutionResult;
import studio.codeact.engine.ExecutionStatus;
import studio.codeact.engine.Output;
import studio.codeact.gui.Messages;
import studio.codeact.gui.approval.ApprovalViewModel;
import studio.codeact.gui.approval.Decision;
import studio.codeact.gui.cells.CellViewModel;
import studio.codeact.gui.cells.NotebookViewModel;
import studio.codeact.gui.chat.ChatItem;
import studio.codeact.gui.chat.ChatViewModel;
import studio.codeact.gui.data.FileLoader;
import studio.codeact.session.Cell;
import studio.codeact.session.CellStatus;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Connects the agent to the window. Questions and data loads run one at a time on the agent's
 * own worker thread (so a follow-up or a dropped file waits its turn); the agent's events come
 * back on that thread and are adapted to the UI thread here, and only here, through the UI
 * executor. With "ask before running code" on, the agent thread waits while the approval
 * dialog is open.
 */
public final class AssistantBridge implements Assistant {

    private final java.util.function.Function<studio.codeact.session.SessionStore, CodeActAgent> agents;
    private final ChatViewModel chat;
    private final NotebookViewModel notebook;
    private final Executor ui;
    /** The agent's cell outputs on their way to the FX thread (keyed by cell number), bounded however much a cell prints. */
    private final studio.codeact.gui.cells.OutputFeed<Integer> outputs;
    private final ExecutorService agentThread;
    private final BooleanSupplier askFirst;
    private final Function<ApprovalViewModel, CompletableFuture<Decision>> approvals;
    /** The agent's cell numbers to the cells on screen (only touched on the UI thread). */
    private final Map<Integer, CellViewModel> cells = new HashMap<>();
    /** Guards {@link #agent} and {@link #store}: the agent thread makes them, the UI thread resets them. */
    private final Object agentLock = new Object();
    private CodeActAgent agent;
    private studio.codeact.session.SessionStore store;
    private final Supplier<studio.codeact.session.SessionStore> stores;
    private volatile Supplier<java.util.Optional<studio.codeact.llm.settings.ModelPrice>> prices = java.util.Optional::empty;

    /**
     * @param agents      makes the agent for a session on first use (called on the agent thread; may block to start the engine)
     * @param stores      makes the session store (its folder) for a new session
     * @param agentThread a single-thread executor: the agent's blocking calls run there, in order
     * @param askFirst    whether each action waits for approval
     * @param approvals   shows an action for approval (called on the UI thread)
     */
    public AssistantBridge(java.util.function.Function<studio.codeact.session.SessionStore, CodeActAgent> agents,
                           Supplier<studio.codeact.session.SessionStore> stores, ChatViewModel chat, NotebookViewModel notebook, Executor ui,
                           ExecutorService agentThread, BooleanSupplier askFirst,
                           Function<ApprovalViewModel, CompletableFuture<Decision>> approvals) {
        this.agents = agents;
        this.stores = stores;
        this.chat = chat;
        this.notebook = notebook;
        this.ui = ui;
        this.outputs = new studio.codeact.gui.cells.OutputFeed<>(ui, new studio.codeact.gui.cells.OutputFeed.Sink<>() {
            @Override
            public void output(Integer number, studio.codeact.engine.Output output) {
                CellViewModel cell = cells.get(number);
                if (cell != null) {
                    notebook.agentOutput(cell, output);
                }
            }

            @Override
            public void cut(Integer number, studio.codeact.engine.Output.StreamName stream, long chars, long lines) {
                CellViewModel cell = cells.get(number);
                if (cell != null) {
                    notebook.agentCut(cell, stream, chars, lines);
                }
            }
        });
        this.agentThread = agentThread;
        this.askFirst = askFirst;
        this.approvals = approvals;
    }

    /** Where the price of the model in use comes from (asked on the agent thread at the end of each turn). */
    public void setPrices(Supplier<java.util.Optional<studio.codeact.llm.settings.ModelPrice>> modelPrice) {
        prices = modelPrice == null ? java.util.Optional::empty : modelPrice;
    }

    /** Asks a question (a follow-up waits for the current one). Call on the UI thread. */
    @Override
    public CompletableFuture<AgentEvent.Terminal> ask(String question) {
        return CompletableFuture.supplyAsync(() -> agent().ask(question), agentThread)
                .whenComplete((end, error) -> {
                    if (error != null) {
                        ui.execute(() -> chat.failed(Messages.sentence(error)));
                    }
                });
    }

    /** Stops the current question: the model's stream and the running cell. Any thread. */
    @Override
    public void stop() {
        CodeActAgent current;
        synchronized (agentLock) {
            current = agent;
        }
        if (current != null) {
            current.cancel();
        }
    }

    /** Loads data files through the agent (its loading code becomes a cell; the model is told about them). */
    @Override
    public FileLoader fileLoader() {
        return file -> CompletableFuture.supplyAsync(() -> {
            List<Dataset> loaded = agent().loadDatasets(List.of(file));
            Dataset dataset = loaded.stream().filter(d -> Path.of(d.path()).toAbsolutePath().equals(file.toAbsolutePath()))
                    .findFirst().orElse(loaded.getLast());
            return new FileLoader.Loaded(dataset.variable(), dataset.format(), dataset.rows(), dataset.columns().size(),
                    dataset.columns().stream().map(Dataset.Column::name).toList(), dataset.warnings(), dataset.isLazy(),
                    dataset.isLazy() ? dataset.lazy().sizeBytes() : 0, dataset.isLazy() ? dataset.lazy().partitions() : 0);
        }, agentThread);
    }

    /** Forgets the agent (new session or changed model settings); the next question makes a new one. */
    @Override
    public void reset() {
        CodeActAgent old;
        studio.codeact.session.SessionStore oldStore;
        synchronized (agentLock) {
            old = agent;
            oldStore = store;
            agent = null;
            store = null;
        }
        if (old != null) {
            old.cancel();
        }
        if (oldStore != null) {
            agentThread.execute(oldStore::close);
        }
        cells.clear();
    }

    @Override
    public CompletableFuture<Path> export(String format, Path target) {
        return CompletableFuture.supplyAsync(() -> {
            studio.codeact.session.SessionStore current = currentStore();
            if (current == null) {
                throw new IllegalStateException("nothing to export yet: ask a question or load data first");
            }
            String text = switch (format) {
                case "ipynb" -> studio.codeact.session.NotebookExport.toJson(current.current());
                case "py" -> studio.codeact.session.ScriptExport.toScript(current.current());
                default -> throw new IllegalArgumentException("unknown export format " + format);
            };
            return studio.codeact.gui.report.ExportFile.write(target, text);
        }, agentThread);
    }

    @Override
    public CompletableFuture<java.util.Optional<Path>> save() {
        return CompletableFuture.supplyAsync(() -> {
            studio.codeact.session.SessionStore current = currentStore();
            if (current == null) {
                return java.util.Optional.<Path>empty();
            }
            current.flush();
            return current.folder();
        }, agentThread);
    }

    @Override
    public CompletableFuture<studio.codeact.session.Entry.Resumed> resume(Path folder, Map<String, Path> moved,
                                                                        studio.codeact.agent.RerunListener progress) {
        return CompletableFuture.supplyAsync(() -> {
            studio.codeact.session.SessionStore reopened = studio.codeact.session.SessionStore.reopen(folder);
            synchronized (agentLock) {
                if (agent != null) {
                    reopened.close();
                    throw new IllegalStateException("this window already has a session under way; open the saved one in a new session");
                }
                store = reopened;
            }
            return agent().resume(moved, progress);
        }, agentThread);
    }

    @Override
    public java.util.Optional<Path> sessionFolder() {
        studio.codeact.session.SessionStore current = currentStore();
        return current == null ? java.util.Optional.empty() : current.folder();
    }

    /** The file being uploaded now (agent thread only). */
    private String uploading;

    private studio.codeact.session.SessionStore currentStore() {
        synchronized (agentLock) {
            return store;
        }
    }

    /**
     * The session's agent, made on first use. Called on the agent thread only; the lock is not
     * held while the agent is made (that may start the engine), so the UI thread never waits.
     */
    private CodeActAgent agent() {
        studio.codeact.session.SessionStore forStore;
        synchronized (agentLock) {
            if (agent != null) {
                return agent;
            }
            if (store == null) {
                store = stores.get();
            }
            forStore = store;
        }
        CodeActAgent made = agents.apply(forStore);
        made.setListener(this::onEvent);
        made.setApprover(this::review);
        made.setTransferProgress(this::uploaded);
        try {
            made.setDataOptions(studio.codeact.gui.settings.ComputeSettings.load(studio.codeact.llm.settings.SettingsFile.standard())
                    .dataOptions());
        } catch (IllegalArgumentException e) {
            System.getLogger(AssistantBridge.class.getName()).log(System.Logger.Level.WARNING, "Settings → Compute is not valid, the defaults apply: {0}", e.getMessage());
        }
        synchronized (agentLock) {
            if (store == forStore && agent == null) {
                agent = made;
                return made;
            }
        }
        made.cancel(); // reset() ran while it started: it belongs to a session the user left
        throw new java.util.concurrent.CancellationException("the session was replaced while its engine started");
    }

    /** A data file on its way to the remote engine's server: a notice when it starts and when it is there (agent thread). */
    private void uploaded(String file, long sent, long total) {
        boolean started = !file.equals(uploading);
        uploading = sent == total ? null : file;
        String text;
        if (sent == total) {
            text = String.format(java.util.Locale.ROOT, "Uploaded %s (%.1f MB) to the Jupyter server.", file, total / 1e6);
        } else if (started) {
            text = String.format(java.util.Locale.ROOT, "Uploading %s (%.1f MB) to the Jupyter server…", file, total / 1e6);
        } else {
            return;
        }
        ui.execute(() -> chat.notice(ChatItem.Level.INFO, text));
    }

    /** Called on the agent thread, which waits while the user decides. */
    private Approver.Decision review(int cell, String code) {
        if (!askFirst.getAsBoolean()) {
            return new Approver.Decision.Run();
        }
        CompletableFuture<Decision> decided = new CompletableFuture<>();
        ui.execute(() -> {
            chat.actionWaiting(null);
            approvals.apply(new ApprovalViewModel(cell, code)).whenComplete((decision, error) ->
                    decided.complete(error != null || decision == null ? new Decision.Reject("") : decision));
        });
        Decision decision;
        try {
            decision = decided.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Approver.Decision.Reject("the app was closing");
        } catch (ExecutionException e) {
            return new Approver.Decision.Reject("");
        }
        return switch (decision) {
            case Decision.Run run -> new Approver.Decision.Run();
            case Decision.RunEdited edited -> new Approver.Decision.Edit(edited.code());
            case Decision.Reject reject -> new Approver.Decision.Reject(reject.reason());
        };
    }

    /** Called on the agent thread; everything visible happens on the UI thread. */
    private void onEvent(AgentEvent event) {
        if (event instanceof AgentEvent.CellOutput output) {
            outputs.offer(output.cell(), output.output()); // merged while the FX thread is busy: a flood stays bounded
            return;
        }
        ui.execute(() -> apply(event));
        if (event instanceof AgentEvent.TurnFinished || event instanceof AgentEvent.Terminal) {
            usage(event instanceof AgentEvent.Terminal);
        }
    }

    /** Reads the session's usage from the record (agent thread) and shows it: the running total, and after a question its own sum. */
    private void usage(boolean questionEnded) {
        studio.codeact.session.SessionStore current = currentStore();
        if (current == null) {
            return;
        }
        studio.codeact.session.Session session = current.current();
        java.util.Optional<studio.codeact.llm.settings.ModelPrice> price = prices.get();
        // A server that reports no counts gets no usage line rather than a "no counts" line under every answer.
        String total = session.usage().reported() ? studio.codeact.agent.UsageText.brief(session.usage(), price) : "";
        studio.codeact.session.TokenUsage asked = questionEnded && !session.usageByQuestion().isEmpty()
                ? session.usageByQuestion().getLast() : studio.codeact.session.TokenUsage.NONE;
        String answer = asked.reported() ? studio.codeact.agent.UsageText.brief(asked, price) : "";
        ui.execute(() -> {
            chat.sessionUsage(total.isEmpty() ? "" : "Session: " + total);
            if (!answer.isEmpty()) {
                chat.answerUsage(answer);
            }
        });
    }

    private void apply(AgentEvent event) {
        switch (event) {
            case AgentEvent.Notice notice -> chat.notice(ChatItem.Level.INFO, notice.text());
            case AgentEvent.TurnStarted started -> { }
            case AgentEvent.AssistantDelta delta -> chat.assistantDelta(delta.text());
            case AgentEvent.AssistantReplied replied -> chat.assistantDone(replied.text());
            case AgentEvent.ActionStarted started -> {
                CellViewModel cell = notebook.beginAgentCell(started.code(),
                        started.turn() == 0 ? CellViewModel.Origin.DATA : CellViewModel.Origin.AGENT);
                cells.put(started.cell(), cell);
                if (started.turn() > 0) {
                    chat.actionStarted(cell);
                }
            }
            case AgentEvent.CellOutput output -> {
                CellViewModel cell = cells.get(output.cell());
                if (cell != null) {
                    notebook.agentOutput(cell, output.output());
                }
            }
            case AgentEvent.ActionFinished finished -> finished(finished.cell());
            case AgentEvent.Observation observation -> { }
            case AgentEvent.TurnFinished turn -> { }
            case AgentEvent.Answered answered -> chat.answered();
            case AgentEvent.Failed failed -> chat.failed(Messages.sentence(new RuntimeException(failed.message())));
            case AgentEvent.TurnLimitReached limit -> chat.failed("No answer after " + limit.turns()
                    + " turns (the turn limit). Ask a follow-up to let it go on, or raise the limit in Settings.");
            case AgentEvent.Cancelled cancelled -> chat.failed("Stopped.");
        }
    }

    private void finished(Cell record) {
        CellViewModel cell = cells.get(record.number());
        if (cell == null) {
            cell = notebook.beginAgentCell(record.code());
            cells.put(record.number(), cell);
        }
        if (record.status() == CellStatus.REJECTED) {
            notebook.agentAbandoned(cell, "Not run: you rejected this action.");
        } else {
            if (!record.code().equals(cell.source())) {
                cell.sourceProperty().set(record.code());
            }
            Output.Error error = record.error().orElse(null);
            notebook.agentFinished(cell, new ExecutionResult(status(record.status()), record.executionCount(), record.outputs(),
                    java.util.Optional.ofNullable(error), Duration.ofMillis(record.elapsedMillis()), ""));
        }
        chat.actionFinished(cell);
    }

    static ExecutionStatus status(CellStatus status) {
        return switch (status) {
            case OK -> ExecutionStatus.OK;
            case ERROR -> ExecutionStatus.ERROR;
            case TIMED_OUT -> ExecutionStatus.TIMED_OUT;
            case DIED -> ExecutionStatus.DIED;
            case PENDING, ABORTED, REJECTED -> ExecutionStatus.ABORTED;
        };
    }
}
