package studio.codeact.cli;

import studio.codeact.agent.AgentConfig;
import studio.codeact.agent.AgentEvent;
import studio.codeact.agent.AgentListener;
import studio.codeact.agent.CodeActAgent;
import studio.codeact.agent.DatasetLoader;
import studio.codeact.agent.UsageText;
import studio.codeact.engine.EngineConfig;
import studio.codeact.engine.EngineKind;
import studio.codeact.engine.Engines;
import studio.codeact.engine.PythonEngine;
import studio.codeact.engine.JupyterServerConfig;
import studio.codeact.engine.JupyterServerException;
import studio.codeact.llm.ChatModels;
import studio.codeact.llm.ProviderConfig;
import studio.codeact.llm.settings.ModelPrice;
import studio.codeact.llm.settings.PriceTable;
import studio.codeact.llm.settings.SettingsFile;
import studio.codeact.session.PrivateFiles;
import studio.codeact.session.Session;
import studio.codeact.session.SessionException;
import studio.codeact.session.SessionFolders;
import studio.codeact.session.SessionLock;
import studio.codeact.session.SessionInfo;
import studio.codeact.session.SessionResume;
import studio.codeact.session.SessionStore;
import studio.codeact.session.TokenUsage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One session as the command line runs it ({@code ask} one question, {@code chat} many): its
 * folder — new, {@code --out DIR}, or a saved one continued with {@code --resume DIR} — its engine
 * and its agent, reporting to the terminal. {@link #check} refuses bad input before anything
 * starts or is created; {@link #open} creates the folder; {@link #start} re-runs a continued
 * session and loads the data; {@link #close} writes the exports and says where the session is.
 *
 * <p>Thread: one thread drives it; {@link #agent()} may be cancelled from another.
 */
final class CliSession implements AutoCloseable {

    /** Everything checked, nothing created yet. */
    record Checked(AgentOptions options, EngineKind kind, ProviderConfig connection, AgentConfig config, SessionResume resumed,
                   Map<String, Path> moves, Path out, EngineConfig engine, studio.codeact.engine.sandbox.SandboxConfig sandbox) { }

    private final Checked checked;
    private final Path folder;
    private final SessionStore store;
    private final PythonEngine python;
    private final CodeActAgent agent;
    private final PrintWriter err;
    /** This process's claim on the folder (see {@link SessionLock}), released on {@link #close}. */
    private SessionLock lock;
    /** The session's usage when it was opened: a resumed session's earlier runs are not this run's. */
    private final TokenUsage before;

    private CliSession(Checked checked, Path folder, SessionStore store, PythonEngine python, CodeActAgent agent, PrintWriter err) {
        this.before = store.current().usage();
        this.checked = checked;
        this.folder = folder;
        this.store = store;
        this.python = python;
        this.agent = agent;
        this.err = err;
    }

    /**
     * Checks the flags, the data files, the model connection and (with {@code --resume}) the saved
     * session and its data files, creating nothing.
     *
     * @throws IllegalArgumentException with the sentence to show (exit 2)
     * @throws studio.codeact.agent.DatasetException when a data file is missing or unreadable (exit 2)
     */
    static Checked check(AgentOptions options, SessionOptions where) {
        EngineKind kind = options.engineKind();
        try {
            options.compute.defaultsFrom((options.settings == null ? studio.codeact.llm.settings.SettingsFile.standard()
                    : new studio.codeact.llm.settings.SettingsFile(options.settings)).read());
        } catch (RuntimeException e) {
            // an unreadable settings file gives no defaults; the model settings say why when they need it
        }
        EngineConfig engine = options.compute.apply(options.jupyter.engineConfig(kind, options.python, options.settings));
        options.compute.dataOptions();
        DatasetLoader.checkReadable(options.data);
        ProviderConfig connection = options.connection();
        AgentConfig config = options.agentConfig(connection);
        studio.codeact.engine.sandbox.SandboxConfig sandbox = options.compute.apply(options.sandbox.config(options.apiKeyEnv,
                connection.apiKey(), options.data, options.settings));
        Map<String, Path> moves = where.moves();
        SessionResume resumed = null;
        Map<String, Path> resolved = Map.of();
        if (where.resume != null) {
            try {
                resumed = SessionResume.open(where.resume);
            } catch (SessionException e) {
                throw new IllegalArgumentException("cannot continue " + where.resume + ": " + e.getMessage(), e);
            }
            List<String> missing = resumed.missingFiles(moves);
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException(missingMessage(missing));
            }
            resolved = resumed.resolvedMoves(moves);
        } else if (where.out != null && Files.exists(where.out.resolve(SessionStore.SESSION_FILE))) {
            throw new IllegalArgumentException(where.out + " already holds a session; choose another --out folder, or continue it with"
                    + " codeact ask --resume " + where.out + " \"next question\"");
        }
        engine.jupyterServer().ifPresent(CliSession::checkServerSettings);
        return new Checked(options, kind, connection, config, resumed, resolved, where.out, engine, sandbox);
    }

    /**
     * A token the Jupyter server refuses, or a certificate not trusted here, is bad input, said
     * before any model call; other server trouble shows when the engine starts.
     */
    private static void checkServerSettings(JupyterServerConfig server) {
        try {
            Engines.checkJupyterServer(server, false);
        } catch (JupyterServerException e) {
            if (e.isSettingsProblem()) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
    }

    static String missingMessage(List<String> missing) {
        StringBuilder text = new StringBuilder();
        for (String file : missing) {
            if (!text.isEmpty()) {
                text.append("\ncodeact: ");
            }
            text.append("the session's data file ").append(file).append(" is not there any more (moved or deleted); say where it is now with --remap ")
                    .append(file).append("=NEW_PATH (or --remap ").append(Path.of(file).getFileName()).append("=NEW_PATH)");
        }
        return text.toString();
    }

    /**
     * Creates (or reopens) the session folder, the engine and the agent; nothing runs yet.
     *
     * @param question names a new folder (a few of its words)
     * @throws SessionException when the folder cannot be created or written
     */
    static CliSession open(Checked checked, String question, AgentListener listener, BufferedReader terminal, PrintWriter err) {
        Path folder;
        Path work;
        SessionStore store;
        SessionLock lock;
        if (checked.resumed() != null) {
            folder = checked.resumed().folder();
            lock = SessionLock.acquire(folder, "codeact ask --resume");
            work = checked.resumed().workingFolder();
            store = SessionStore.reopen(folder);
        } else {
            // Claimed (an exclusive lock) before anything is written; a foreign or busy --out is refused untouched.
            lock = checked.out() == null
                    ? SessionLock.acquire(SessionFolders.create(checked.options().sessionsDir != null ? checked.options().sessionsDir
                    : SessionFolders.defaultRoot(System.getenv()), question, Instant.now()), "codeact ask")
                    : OutFolder.claim(checked.out(), "codeact ask");
            try {
                folder = checked.out() == null ? lock.folder() : PrivateFiles.createFolders(lock.folder()).toAbsolutePath();
                work = PrivateFiles.createFolders(folder.resolve("work"));
            } catch (IOException e) {
                lock.close();
                throw new SessionException("could not create the session folder: " + e.getMessage(), e);
            }
            SessionInfo info = new SessionInfo(checked.connection().provider().id(), checked.connection().model(), checked.kind().id(), "",
                    checked.config().actionMode().id(), work.toString(), checked.config().maxTurns(), "", List.of());
            store = SessionStore.create(folder, Session.start(folder.getFileName().toString(), Instant.now(), info));
        }
        PythonEngine python = Engines.create(checked.kind(), checked.engine().withWorkingDirectory(work).withSandbox(checked.sandbox()));
        checked.options().sandbox.warnIfUnconfined(err, checked.sandbox());
        CodeActAgent agent = new CodeActAgent(ChatModels.create(checked.connection()), python, store, checked.config());
        agent.setListener(listener);
        agent.setTransferProgress(new UploadReporter(err));
        agent.setDataOptions(checked.options().compute.dataOptions());
        if (checked.options().confirm) {
            agent.setApprover(new TerminalApprover(terminal, err));
        }
        Verdict.session(folder);
        CliSession session = new CliSession(checked, folder, store, python, agent, err);
        session.lock = lock;
        return session;
    }

    /**
     * Continues the saved session (its cells run again, progress on the terminal), then loads the data files.
     *
     * @throws studio.codeact.agent.DatasetException  when a data file cannot be loaded (exit 2)
     * @throws studio.codeact.engine.EngineException when the interpreter fails (exit 1)
     */
    void start() {
        if (checked.resumed() != null) {
            err.println("codeact: continuing " + folder + " (run " + checked.resumed().nextRun() + "); its cells run again first");
            agent.resume(checked.moves(), new RerunReporter(err));
        }
        if (checked.resumed() == null || !checked.options().data.isEmpty()) {
            agent.loadDatasets(checked.options().data);
        }
    }

    CodeActAgent agent() {
        return agent;
    }

    PythonEngine engine() {
        return python;
    }

    Path folder() {
        return folder;
    }

    /** Asks one question and maps how it ended to the exit code; the answer goes to {@code out} when {@code printAnswer}. */
    int ask(String question, PrintWriter out, boolean printAnswer) {
        AgentEvent.Terminal end = agent.ask(question);
        return switch (end) {
            case AgentEvent.Answered answered -> {
                if (printAnswer) {
                    out.println(answered.answer());
                }
                yield Main.OK;
            }
            case AgentEvent.Failed ignored -> Main.FAILED;
            case AgentEvent.TurnLimitReached ignored -> Main.TURN_LIMIT;
            case AgentEvent.Cancelled ignored -> Main.FAILED;
        };
    }

    /** Writes the exports, stops the engine and says what the run's model calls used and where the session was saved. */
    @Override
    public void close() {
        TokenUsage total = store.current().usage();
        Optional<ModelPrice> price = prices().forModel(checked.connection().model());
        err.println("codeact: " + UsageText.line(total.minus(before), price)
                + (before.isEmpty() ? "" : "; the whole session: " + UsageText.brief(total, price)));
        try {
            store.exportAll();
        } catch (SessionException e) {
            err.println("codeact: the exports could not be written: " + e.getMessage());
        } finally {
            store.close();
            python.close();
            if (lock != null) {
                lock.close();
            }
        }
        err.println("codeact: session saved in " + folder);
        err.flush();
    }

    /** The price table of the settings file; none when it cannot be read (the run already read the file for the model). */
    private PriceTable prices() {
        try {
            return PriceTable.read((checked.options().settings == null ? SettingsFile.standard() : new SettingsFile(checked.options().settings)).read());
        } catch (RuntimeException unreadable) {
            return PriceTable.EMPTY;
        }
    }
}
