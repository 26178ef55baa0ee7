package studio.codeact.agent;

import com.fasterxml.jackson.databind.JsonNode;
import studio.codeact.engine.EngineException;
import studio.codeact.engine.EngineKind;
import studio.codeact.engine.Output;
import studio.codeact.engine.PythonEngine;
import studio.codeact.engine.TransferProgress;
import studio.codeact.llm.ChatModel;
import studio.codeact.llm.ChatRequest;
import studio.codeact.llm.ChatResponse;
import studio.codeact.llm.LlmException;
import studio.codeact.session.CellKind;
import studio.codeact.session.DatasetEntry;
import studio.codeact.session.Entry;
import studio.codeact.session.SessionException;
import studio.codeact.session.SessionStatus;
import studio.codeact.session.SessionStore;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The CodeAct loop. For each question the model replies; the code actions in its reply run in the
 * engine; what they produced goes back as the next observation; and so on until the model answers
 * without code, the turn limit is reached, it gets stuck, something fails, or the user cancels.
 * Follow-up questions continue the same conversation and the same interpreter state.
 *
 * <p>Everything is recorded in the {@link SessionStore} as it happens and
 * reported as {@link AgentEvent}s. {@link #ask} and {@link #loadDatasets} block and run on the
 * caller's thread (a worker; never the JavaFX thread), which is also the thread every event is
 * delivered on; {@link #cancel} may be called from any thread.
 */
public final class CodeActAgent {

    private static final Duration HELPER_TIMEOUT = Duration.ofMinutes(1);
    /** Figures sent as images in one observation to a vision-capable model. */
    private static final int MAX_IMAGES = 4;

    private final PythonEngine engine;
    private final SessionStore store;
    private final AgentConfig config;
    private final ObservationFormatter formatter;
    private final EventPump pump;
    private final CellRunner cells;
    private final ModelCaller caller;
    private final EngineRecovery recovery;
    private final List<Exchange> exchanges = new ArrayList<>();
    private final SentContext context;
    private final ReentrantLock busy = new ReentrantLock();
    private final AtomicBoolean cancelled = new AtomicBoolean();

    private volatile AgentListener listener = AgentListener.NONE;
    private volatile Approver approver = Approver.RUN_ALL;

    private ActionMode mode;
    private boolean foldSystem;
    private String systemPrompt = "";
    private volatile String framing;
    private LoadedData loaded = LoadedData.NONE;
    private Map<String, String> packages = Map.of();
    private String pythonVersion = "";
    private String workingFolder = "";
    private volatile TransferProgress transferProgress = TransferProgress.NONE;
    private volatile DataOptions dataOptions = DataOptions.DEFAULTS;
    /** The connected Dask cluster, described in the prompt; empty without one. */
    private String clusterNote = "";
    private boolean prepared;
    /** Data loaded after the conversation began, told with the next question (the system prompt stays as sent). */
    private String dataNote = "";
    /** Told to the model with the next question after a resume (what ran again), then cleared. */
    private String resumeNote = "";
    private volatile boolean rerunning;

    public CodeActAgent(ChatModel model, PythonEngine engine, SessionStore store, AgentConfig config) {
        Objects.requireNonNull(model, "model");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.store = Objects.requireNonNull(store, "store");
        this.config = Objects.requireNonNull(config, "config");
        this.formatter = new ObservationFormatter(config.observationBudget());
        this.mode = config.actionMode().resolve(config.provider());
        this.foldSystem = config.foldSystemRole();
        this.pump = new EventPump(this::cancel);
        this.cells = new CellRunner(engine, store, pump, this::emit, config.storedStreamChars(), cancelled::get);
        this.caller = new ModelCaller(model, pump, this::emit, cancelled::get);
        this.recovery = new EngineRecovery(engine, cells, this::emit);
        this.context = new SentContext(config.contextBudget());
    }

    /** Where events go (see {@link AgentListener} for the thread). */
    /**
     * Replaces the product's data-analyst system prompt with another framing (the benchmark gives every
     * action mode the same one). {@code {{action_format}}} and {@code {{max_turns}}} in it are filled in.
     * Call before the first question.
     */
    public void setSystemPromptTemplate(String template) {
        this.framing = template;
    }

    public void setListener(AgentListener eventListener) {
        listener = eventListener == null ? AgentListener.NONE : eventListener;
    }

    /** Who approves actions before they run; {@link Approver#RUN_ALL} by default. */
    public void setApprover(Approver actionApprover) {
        approver = actionApprover == null ? Approver.RUN_ALL : actionApprover;
    }

    /** The action mode in use now (it falls back from tools to tags if the server refuses tools). */
    public ActionMode actionMode() {
        return mode;
    }

    /** The datasets loaded so far. */
    public List<Dataset> datasets() {
        return loaded.datasets();
    }

    /** The system prompt as it is sent now. */
    public String systemPrompt() {
        return systemPrompt;
    }

    /**
     * Who hears how data files travel to the engine (the remote engine uploads them); the CLI
     * prints it on stderr, the GUI shows it. Called on the thread that loads the data.
     */
    public void setTransferProgress(TransferProgress progress) {
        transferProgress = progress == null ? TransferProgress.NONE : progress;
    }

    /**
     * When files load lazily with Dask, and which Dask cluster computes; call before {@link #loadDatasets}.
     */
    public void setDataOptions(DataOptions options) {
        dataOptions = options == null ? DataOptions.DEFAULTS : options;
    }

    /**
     * Starts the engine, loads the data files (their loading code becomes the session's first
     * cell), and builds the system prompt. Call once, before the first question; {@link #ask}
     * does it without datasets if it was not called.
     *
     * @throws DatasetException when a file is missing, unreadable or cannot be loaded (bad input)
     * @throws EngineException  when the interpreter cannot start or run the loading code
     */
    public List<Dataset> loadDatasets(List<Path> files) {
        busy.lock();
        try {
            DatasetLoader.checkReadable(files);
            engine.start();
            readFacts();
            if (!files.isEmpty() || (dataOptions.daskScheduler().isPresent() && clusterNote.isEmpty())) {
                DatasetLoader.Plan plan = plan(files);
                CellRunner.Run run = cells.run(CellKind.SETUP, 0, plan.code(), null);
                if (!run.result().ok()) {
                    String why = run.result().error().map(Output.Error::summary).orElse(run.result().status().name().toLowerCase(Locale.ROOT));
                    throw failedToLoad(files.isEmpty()
                            ? "could not connect to the Dask scheduler " + dataOptions.daskScheduler().orElse("") + " (is it running and reachable?): " + why
                            : "could not load " + String.join(", ", files.stream().map(Path::toString).toList()) + ": " + why);
                }
                String notes = run.result().streamText(Output.StreamName.STDERR).strip();
                if (dataOptions.daskScheduler().isPresent() && clusterNote.isEmpty()) {
                    clusterNote = DatasetLoader.cluster(engine).map(SystemPrompt::cluster).orElse("");
                }
                List<Dataset> added = DatasetLoader.describe(engine, plan, config.privacy() == Privacy.SCHEMA_ONLY ? 0 : config.sampleRows());
                loaded = loaded.add(plan.code(), notes, added);
                if (!exchanges.isEmpty()) {
                    dataNote = SystemPrompt.addedData(added, config.privacy(), notes);
                }
                for (Dataset dataset : added) {
                    dataset.warnings().forEach(warning -> emit(new AgentEvent.Notice(warning)));
                }
                if (!notes.isEmpty()) {
                    emit(new AgentEvent.Notice("loading the data printed warnings:\n" + notes));
                }
            }
            List<DatasetEntry> entries = loaded.datasets().stream().map(d -> new DatasetEntry(d.variable(), d.path(), d.format(), d.rows(),
                    d.columns().size(), d.warnings())).toList();
            store.update(s -> s.withInfo(s.info().withDatasets(entries).withPythonVersion(pythonVersion)
                    .withSandbox(engine.info().details().getOrDefault("sandbox", "")), Instant.now()));
            if (exchanges.isEmpty()) {
                rebuildPrompt();
            }
            store.flush();
            prepared = true;
            return loaded.datasets();
        } finally {
            busy.unlock();
        }
    }

    private DatasetLoader.Plan plan(List<Path> files) {
        try {
            return DatasetLoader.plan(engine, files, transferProgress, dataOptions);
        } catch (DatasetException e) {
            throw failedToLoad(e.getMessage());
        }
    }

    /** Records that the data could not be loaded, and returns the exception to throw. */
    private DatasetException failedToLoad(String message) {
        store.update(s -> s.withEntry(new Entry.Notice(Instant.now(), "failed: " + message)).withStatus(SessionStatus.FAILED, message, Instant.now()));
        store.flush();
        return new DatasetException(message);
    }

    /**
     * Answers a question (the first or a follow-up), blocking until it ends.
     *
     * @return how it ended — also emitted as the last event
     * @throws IllegalStateException when another question is still being answered
     */
    public AgentEvent.Terminal ask(String question) {
        if (!busy.tryLock()) {
            throw new IllegalStateException("the agent is still answering the previous question");
        }
        try {
            cancelled.set(false);
            AgentEvent.Terminal end;
            try {
                if (!prepared) {
                    loadDatasets(List.of());
                }
                store.update(s -> s.withStatus(SessionStatus.RUNNING, "", Instant.now()).withEntry(new Entry.Question(Instant.now(), question)));
                String notes = String.join("\n\n", java.util.stream.Stream.of(resumeNote, dataNote).filter(n -> !n.isEmpty()).toList());
                exchanges.add(new Exchange.Question(notes.isEmpty() ? question : notes + "\n\n" + question));
                resumeNote = "";
                dataNote = "";
                end = converse();
            } catch (LlmException e) {
                end = cancelled.get() ? new AgentEvent.Cancelled() : new AgentEvent.Failed(e.getMessage());
            } catch (EngineException e) {
                end = new AgentEvent.Failed("the Python engine failed: " + e.getMessage());
            } catch (SessionException e) {
                end = new AgentEvent.Failed("the session could not be saved: " + e.getMessage());
            }
            closeOpenTurn(end);
            return finish(end);
        } finally {
            busy.unlock();
        }
    }

    /**
     * Stops the current question as soon as possible: the model's stream is cancelled and a
     * running cell interrupted. Safe from any thread; does nothing when idle.
     */
    public void cancel() {
        cancelled.set(true);
        caller.cancel();
        cells.interrupt();
        if (rerunning) {
            engine.interrupt();
        }
    }

    /**
     * Continues the saved session this agent's store was reopened on, in this agent's fresh
     * interpreter: the cells that worked then run again in order ({@link SessionRerun}; failed
     * ones do not), the loading cells reading moved data files from their new place; the
     * datasets are described again for the prompt; the conversation is restored as the model's
     * context (kept within the context budget like any other); and the record marks where the
     * new run begins ({@link Entry.Resumed}). Call once, before the next question, instead of
     * {@link #loadDatasets} (which may follow, to add files). {@link #cancel} stops the re-run;
     * the cells not reached are then not run.
     *
     * @param moved    recorded data file path → where it is now (only for files that moved)
     * @param progress told about each cell (on this thread)
     * @return the record's new entry: what ran again, what did not, what failed this time
     * @throws EngineException when the interpreter cannot start or dies
     */
    public Entry.Resumed resume(Map<String, Path> moved, RerunListener progress) {
        busy.lock();
        try {
            cancelled.set(false);
            studio.codeact.session.Session saved = store.current();
            engine.start();
            readFacts();
            SessionRerun.Outcome outcome;
            rerunning = true;
            try {
                outcome = SessionRerun.run(engine, saved, moved, config.cellTimeout(), progress == null ? RerunListener.NONE : progress,
                        cancelled::get);
            } finally {
                rerunning = false;
            }
            List<Dataset> described = describeAgain(saved, moved, outcome);
            loaded = new LoadedData(outcome.setupCode(), "", described);
            exchanges.addAll(ResumedConversation.of(saved));
            String note = ResumeNotes.forReader(engine.kind().id(), outcome, moved);
            resumeNote = ResumeNotes.forModel(outcome);
            Entry.Resumed entry = new Entry.Resumed(Instant.now(), studio.codeact.session.SessionResume.nextRun(saved), engine.kind().id(),
                    config.model(), outcome.rerun(), outcome.skipped(), outcome.failed(), note);
            List<DatasetEntry> entries = described.stream().map(d -> new DatasetEntry(d.variable(), d.path(), d.format(), d.rows(),
                    d.columns().size(), d.warnings())).toList();
            store.update(s -> s.withEntry(entry).withInfo(s.info().withDatasets(entries.isEmpty() ? s.info().datasets() : entries)
                    .withPythonVersion(pythonVersion), Instant.now()));
            rebuildPrompt();
            store.flush();
            prepared = true;
            emit(new AgentEvent.Notice(note));
            return entry;
        } finally {
            busy.unlock();
        }
    }

    /** The saved datasets whose loading ran again, described anew (shape, columns, sample) from the interpreter. */
    private List<Dataset> describeAgain(studio.codeact.session.Session saved, Map<String, Path> moved, SessionRerun.Outcome outcome) {
        if (outcome.setupCode().isEmpty() || saved.info().datasets().isEmpty()) {
            return List.of();
        }
        List<DatasetLoader.Entry> entries = saved.info().datasets().stream().map(d -> new DatasetLoader.Entry(
                moved.containsKey(d.path()) ? moved.get(d.path()).toString() : d.path(), d.format(),
                List.of(new DatasetLoader.Variable(d.variable(), null)), d.warnings())).toList();
        try {
            return DatasetLoader.describe(engine, new DatasetLoader.Plan(outcome.setupCode(), entries),
                    config.privacy() == Privacy.SCHEMA_ONLY ? 0 : config.sampleRows());
        } catch (RuntimeException e) {
            emit(new AgentEvent.Notice("the datasets could not be described again: " + e.getMessage()));
            return List.of();
        }
    }

    // ------------------------------------------------------------------ the loop

    /** Empty replies in a row (one is retried, two fail the question). */
    private int emptyReplies;

    private AgentEvent.Terminal converse() {
        StuckDetector stuck = new StuckDetector();
        for (int turn = 1; ; turn++) {
            if (cancelled.get()) {
                return new AgentEvent.Cancelled();
            }
            if (turn > config.maxTurns()) {
                return new AgentEvent.TurnLimitReached(config.maxTurns());
            }
            TurnClock clock = new TurnClock();
            emit(new AgentEvent.TurnStarted(turn, config.maxTurns()));
            ModelReply reply = requestReply(turn, clock);
            if (cancelled.get()) {
                return new AgentEvent.Cancelled();
            }
            exchanges.add(reply.exchange());
            clock.usage = reply.usage();
            int replyTurn = turn;
            store.update(s -> s.withEntry(new Entry.Reply(Instant.now(), replyTurn, reply.exchange().asTaggedText(), reply.exchange().prose(),
                    reply.usage())));
            emit(new AgentEvent.AssistantReplied(turn, reply.exchange().asTaggedText(), reply.exchange().actions().size()));
            if (!reply.exchange().hasActions()) {
                emit(new AgentEvent.TurnFinished(turn, clock.stats()));
                String answer = reply.parsed().answer();
                return new AgentEvent.Answered(answer.isEmpty() ? "(the model replied with nothing)" : answer);
            }
            ActionsOutcome outcome = runActions(turn, reply.exchange(), clock);
            StuckDetector.Verdict verdict = stuck.record(reply.exchange().actions().stream().map(Exchange.Action::code)
                    .reduce("", (a, b) -> a + "\n" + b), outcome.error());
            List<String> footer = new ArrayList<>();
            if (verdict == StuckDetector.Verdict.WARN) {
                footer.add(stuck.warning());
            }
            footer.add(TurnObservation.turnsLeft(config.maxTurns() - turn));
            TurnObservation observation = new TurnObservation(outcome.texts(), outcome.summaries(), TurnObservation.footer(footer),
                    config.vision() ? outcome.figures().stream().limit(MAX_IMAGES).toList() : List.of());
            observe(turn, observation);
            emit(new AgentEvent.TurnFinished(turn, clock.stats()));
            if (outcome.cancelled() || cancelled.get()) {
                return new AgentEvent.Cancelled();
            }
            if (verdict == StuckDetector.Verdict.STOP) {
                return new AgentEvent.Failed(stuck.stopReason());
            }
            if (reply.parsed().solution().isPresent() && outcome.error() == null) {
                return new AgentEvent.Answered(reply.parsed().solution().get());
            }
        }
    }

    private void observe(int turn, TurnObservation observation) {
        exchanges.add(new Exchange.Observed(observation, false));
        String text = Conversation.OBSERVATION_HEADING + observation.text();
        store.update(s -> s.withEntry(new Entry.Observation(Instant.now(), turn, text)));
        emit(new AgentEvent.Observation(turn, observation.text()));
    }

    // ------------------------------------------------------------------ the model

    private ModelReply requestReply(int turn, TurnClock clock) {
        while (true) {
            List<Exchange> fitted = context.fit(exchanges, systemPrompt.length());
            Conversation.Rendered rendered = Conversation.render(systemPrompt, fitted, mode, foldSystem, config.vision());
            ChatRequest request = new ChatRequest(config.model(), rendered.messages(), config.temperature(), config.maxTokens(),
                    mode == ActionMode.TAGS ? List.of(ActionParser.CLOSE) : List.of(),
                    mode == ActionMode.TOOLS ? List.of(ExecutePythonTool.spec()) : List.of());
            clock.charsSent = rendered.chars();
            try {
                ChatResponse response = caller.call(request, turn, clock);
                if (isEmpty(response) && !cancelled.get()) {
                    if (emptyReplies++ == 0) {
                        emit(new AgentEvent.Notice("the model sent an empty reply (no text, no code); asking once more"));
                        continue;
                    }
                    throw new LlmException.MalformedResponse("the model " + config.model() + " sent an empty reply twice (no text, no code);"
                            + " check that the server really serves this model and that its chat template works, or try another model", null);
                }
                emptyReplies = 0;
                return ModelReply.of(response);
            } catch (LlmException.BadRequest refused) {
                if (!foldSystem && refusesSystemRole(refused)) {
                    foldSystem = true;
                    emit(new AgentEvent.Notice("the server refused the system role; the system prompt now opens the first user message"));
                    continue;
                }
                if (mode == ActionMode.TOOLS && config.actionMode() == ActionMode.AUTO && refusesTools(refused)) {
                    mode = ActionMode.TAGS;
                    rebuildPrompt();
                    emit(new AgentEvent.Notice("the server refused tool calling (" + refused.serverMessage()
                            + "); the model now writes its code in <execute> tags"));
                    continue;
                }
                throw refused;
            }
        }
    }

    /** A reply with neither text nor a tool call: a model error, never an answer. */
    private static boolean isEmpty(ChatResponse response) {
        return response.text().isBlank() && response.toolCalls().isEmpty();
    }

    /** "System role not supported", or the chat-template error of models without one ("roles must alternate"). */
    private static boolean refusesSystemRole(LlmException.BadRequest refused) {
        String said = said(refused);
        return said.contains("system") || said.contains("roles must alternate");
    }

    /** "tools are not supported", "does not support tools", "auto tool choice requires …", "functions are not allowed". */
    private static boolean refusesTools(LlmException.BadRequest refused) {
        String said = said(refused);
        return said.contains("tool") || said.contains("function");
    }

    private static String said(LlmException.BadRequest refused) {
        return (refused.serverMessage() + " " + refused.getMessage()).toLowerCase(Locale.ROOT);
    }

    // ------------------------------------------------------------------ the actions

    /**
     * What a turn's actions came to.
     *
     * @param error the summary of the error that stopped them, or {@code null} when all ran cleanly
     */
    private record ActionsOutcome(List<String> texts, List<String> summaries, List<Figure> figures, String error, boolean cancelled) { }

    private ActionsOutcome runActions(int turn, Exchange.Reply reply, TurnClock clock) {
        List<String> texts = new ArrayList<>();
        List<String> summaries = new ArrayList<>();
        List<Figure> figures = new ArrayList<>();
        String error = null;
        double share = 1.0 / reply.actions().size();
        for (Exchange.Action action : reply.actions()) {
            if (cancelled.get()) {
                texts.add("[Not run: the user cancelled.]");
                summaries.add("[not run: cancelled]");
                continue;
            }
            if (error != null) {
                texts.add("[Not run, because an earlier action in this reply failed.]");
                summaries.add("[not run]");
                continue;
            }
            if (action.call() != null && !ExecutePythonTool.runnable(action.call())) {
                String refusal = ExecutePythonTool.refusal(action.call());
                texts.add(refusal);
                summaries.add(refusal);
                error = "unusable tool call";
                continue;
            }
            List<String> notes = new ArrayList<>();
            String code = action.code();
            long asked = System.nanoTime();
            Approver.Decision decision = approver.review(cells.nextNumber(), code);
            clock.approvalNanos += System.nanoTime() - asked;
            switch (decision) {
                case Approver.Decision.Reject reject -> {
                    cells.reject(turn, code);
                    String why = reject.reason() == null || reject.reason().isBlank() ? "" : ": " + reject.reason().strip();
                    String text = "[The user did not let this action run" + why + ". Try another way, or answer with what you know.]";
                    texts.add(text);
                    summaries.add(text);
                    error = "rejected by the user";
                    continue;
                }
                case Approver.Decision.Edit edit -> {
                    code = edit.code();
                    notes.add("[The user edited your code before it ran. This is the code that ran:\n" + code + "\n]");
                }
                case Approver.Decision.Run ignored -> {
                }
            }
            long started = System.nanoTime();
            CellRunner.Run run = cells.run(CellKind.ACTION, turn, code, config.cellTimeout());
            if (cancelled.get()) {
                notes.add("[The user stopped this action.]");
            } else if (recovery.needed(run)) {
                notes.add(recovery.recover(turn, loaded.setupCode(), loaded.datasets()));
            }
            clock.codeNanos += System.nanoTime() - started;
            studio.codeact.engine.sandbox.SandboxNotes.explain(run.result(), engine.info().details(), workingFolder).ifPresent(notes::add);
            String text = formatter.format(run.result(), run.figures(), notes, share);
            texts.add(text);
            summaries.add(formatter.summary(run.cell().number(), run.result(), run.figures(), text.length()));
            figures.addAll(run.figures());
            if (!run.result().ok()) {
                error = run.result().error().map(Output.Error::summary).orElse(run.result().status().name());
            }
        }
        return new ActionsOutcome(texts, summaries, figures, error, cancelled.get());
    }

    // ------------------------------------------------------------------ set-up and endings

    private void readFacts() {
        JsonNode facts = PythonHelper.run(engine, PythonHelper.callCode("facts.py", "facts", List.of()), HELPER_TIMEOUT);
        pythonVersion = facts.path("python").asText();
        workingFolder = facts.path("cwd").asText();
        if (engine.kind() == EngineKind.REMOTE) {
            // the model is told where its code runs: another machine, whose files are not the user's
            Map<String, String> where = engine.info().details();
            workingFolder += " on the Jupyter server " + where.getOrDefault("server", "") + " (kernelspec "
                    + where.getOrDefault("kernelspec", "default") + "; files you save stay on that server)";
        }
        Map<String, String> found = new HashMap<>();
        facts.path("packages").properties().forEach(e -> found.put(e.getKey(), e.getValue().asText()));
        packages = Map.copyOf(found);
    }

    private void rebuildPrompt() {
        systemPrompt = framing != null ? SystemPrompt.renderFraming(framing, mode, config.maxTurns())
                : SystemPrompt.render(new SystemPrompt.Facts(pythonVersion, packages, loaded.datasets(), loaded.notes(), workingFolder, mode,
                config.maxTurns(), config.privacy(), config.vision(), clusterNote));
        String prompt = systemPrompt;
        String modeId = mode.id();
        store.update(s -> s.withInfo(s.info().withSystemPrompt(prompt, modeId), Instant.now()));
    }

    /** A reply with actions always gets an observation, so the conversation stays well-formed for the next question. */
    private void closeOpenTurn(AgentEvent.Terminal end) {
        if (!exchanges.isEmpty() && exchanges.getLast() instanceof Exchange.Reply reply && reply.hasActions()) {
            String why = switch (end) {
                case AgentEvent.Failed failed -> "[Not finished: " + failed.message() + "]";
                default -> "[Not finished.]";
            };
            List<String> texts = reply.actions().stream().map(a -> why).toList();
            exchanges.add(new Exchange.Observed(new TurnObservation(texts, texts, "", List.of()), false));
        }
    }

    private AgentEvent.Terminal finish(AgentEvent.Terminal end) {
        Instant now = Instant.now();
        try {
            switch (end) {
                case AgentEvent.Answered answered -> store.update(s -> s.withEntry(new Entry.Answer(now, answered.answer()))
                        .withStatus(SessionStatus.ANSWERED, "", now));
                case AgentEvent.Failed failed -> store.update(s -> s.withEntry(new Entry.Notice(now, "failed: " + failed.message()))
                        .withStatus(SessionStatus.FAILED, failed.message(), now));
                case AgentEvent.TurnLimitReached limit -> store.update(s -> s.withEntry(new Entry.Notice(now,
                        "no answer within the limit of " + limit.turns() + " turns")).withStatus(SessionStatus.TURN_LIMIT,
                        "no answer within " + limit.turns() + " turns", now));
                case AgentEvent.Cancelled ignored -> store.update(s -> s.withEntry(new Entry.Notice(now, "cancelled by the user"))
                        .withStatus(SessionStatus.CANCELLED, "cancelled by the user", now));
            }
            store.flush();
        } catch (SessionException e) {
            emit(new AgentEvent.Notice("the session could not be saved: " + e.getMessage()));
        }
        emit(end);
        return end;
    }

    private void emit(AgentEvent event) {
        listener.onEvent(event);
    }
}
