package studio.codeact.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import studio.codeact.agent.ActionMode;
import studio.codeact.agent.AgentConfig;
import studio.codeact.agent.AgentEvent;
import studio.codeact.agent.CodeActAgent;
import studio.codeact.agent.DatasetException;
import studio.codeact.agent.DatasetLoader;
import studio.codeact.agent.Privacy;
import studio.codeact.engine.EngineConfig;
import studio.codeact.engine.EngineException;
import studio.codeact.engine.EngineKind;
import studio.codeact.engine.Engines;
import studio.codeact.engine.PythonEngine;
import studio.codeact.engine.PythonLocator;
import studio.codeact.llm.ChatModel;
import studio.codeact.llm.ChatModels;
import studio.codeact.llm.ProviderConfig;
import studio.codeact.llm.settings.ModelSettingsLoader;
import studio.codeact.llm.settings.SettingsFile;
import studio.codeact.session.Session;
import studio.codeact.session.SessionException;
import studio.codeact.session.SessionFolders;
import studio.codeact.session.SessionInfo;
import studio.codeact.session.SessionLock;
import studio.codeact.session.SessionStore;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code codeact ask}: answers one question about data files with a CodeAct agent, headless. The
 * model's text and the observations stream to stderr; the final answer goes to stdout; the
 * session folder gets {@code session.json}, its figures and the three exports. Exit codes: 0
 * answered, 1 failed (session still saved), 2 bad usage or input (checked before any model
 * call), 3 turn limit reached without an answer.
 */
@Command(name = "ask", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Ask a question about your data; a language model answers by running Python code.")
public final class AskCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

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

    @Option(names = "--output-limit", paramLabel = "CHARS", defaultValue = "100000",
            description = "Characters of a cell's printed output kept (head and tail, with a count of what was cut); memory stays bounded however much it prints (default: ${DEFAULT-VALUE}).")
    int outputLimit;

    @Option(names = "--out", paramLabel = "DIR", description = "Session folder to write (default: a new folder under the sessions folder).")
    Path out;

    @Option(names = "--engine", paramLabel = "embedded|kernel", defaultValue = "embedded", description = "Where Python runs (default: ${DEFAULT-VALUE}).")
    String engine;

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

    @Option(names = "--settings", paramLabel = "FILE", hidden = true, description = "Settings file to read instead of the standard one.")
    Path settings;

    @Parameters(paramLabel = "QUESTION", arity = "1..*", description = "The question, in plain language.")
    List<String> words;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        String question = String.join(" ", words).strip();
        AgentConfig config;
        EngineKind kind;
        ProviderConfig connection;
        try {
            if (question.isEmpty()) {
                throw new IllegalArgumentException("the question is empty");
            }
            kind = EngineKind.parse(engine);
            DatasetLoader.checkReadable(data);
            connection = new ModelSettingsLoader(settingsFile(), System.getenv())
                    .resolve(new ModelSettingsLoader.Flags(provider, baseUrl, null, apiKeyEnv, model));
            connection = ModelTimeout.apply(connection, timeout);
            requireKeyForCloud(connection);
            config = agentConfig(connection);
        } catch (IllegalArgumentException | DatasetException e) {
            stderr.println("codeact: " + e.getMessage());
            return Main.BAD_INPUT;
        }
        Path folder;
        SessionStore store;
        SessionLock lock;
        try {
            lock = claimFolder(question);
        } catch (IllegalArgumentException | SessionException e) {
            stderr.println("codeact: " + Errors.sentence(e));
            return Main.BAD_INPUT;
        }
        try {
            folder = lock.folder();
            Path work = Files.createDirectories(folder.resolve("work"));
            SessionInfo info = new SessionInfo(connection.provider().id(), connection.model(), kind.id(), "", config.actionMode().id(),
                    work.toString(), config.maxTurns(), "", List.of());
            store = SessionStore.create(folder, Session.start(folder.getFileName().toString(), Instant.now(), info));
        } catch (IOException | SessionException | IllegalArgumentException e) {
            lock.close();
            stderr.println("codeact: " + Errors.sentence(e));
            return Main.BAD_INPUT;
        }
        Verdict.session(folder);
        ChatModel chat = ChatModels.create(connection);
        EngineConfig engineConfig = EngineConfig.of(PythonLocator.chooseReady(python)).withWorkingDirectory(folder.resolve("work"));
        CountDownLatch saved = new CountDownLatch(1);
        AtomicReference<CodeActAgent> running = new AtomicReference<>();
        Thread onInterrupt = Thread.ofPlatform().unstarted(() -> {
            CodeActAgent agent = running.get();
            if (agent != null) {
                agent.cancel();
            }
            try {
                saved.await(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        int code = Main.FAILED;
        try {
            code = run(chat, kind, engineConfig, store, config, question, stdout, stderr, running);
            try {
                store.exportAll();
            } catch (SessionException e) {
                stderr.println("codeact: the exports could not be written: " + e.getMessage());
            } finally {
                store.close();
            }
            stderr.println("codeact: session saved in " + folder);
            return code;
        } finally {
            lock.close();
            stderr.flush();
            stdout.flush();
            // Before the Ctrl+C hook may let the JVM halt: the guard reads the app's decision, not the signal.
            Verdict.decided(code);
            saved.countDown();
            removeHook(onInterrupt);
        }
    }

    /** Runs the agent; Ctrl-C (the JVM shutting down) cancels the agent held in {@code running}, then waits for the session to be saved. */
    private int run(ChatModel chat, EngineKind kind, EngineConfig engineConfig, SessionStore store, AgentConfig config, String question,
                    PrintWriter stdout, PrintWriter stderr, AtomicReference<CodeActAgent> running) {
        try (PythonEngine python = Engines.create(kind, engineConfig)) {
            CodeActAgent agent = new CodeActAgent(chat, python, store, config);
            agent.setListener(new ConsoleReporter(stderr));
            if (confirm) {
                agent.setApprover(new TerminalApprover(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), stderr));
            }
            running.set(agent);
            agent.loadDatasets(data);
            AgentEvent.Terminal end = agent.ask(question);
            return switch (end) {
                case AgentEvent.Answered answered -> {
                    stdout.println(answered.answer());
                    yield Main.OK;
                }
                case AgentEvent.Failed ignored -> Main.FAILED;
                case AgentEvent.TurnLimitReached ignored -> Main.TURN_LIMIT;
                case AgentEvent.Cancelled ignored -> Main.FAILED;
            };
        } catch (DatasetException e) {
            stderr.println("codeact: " + e.getMessage());
            return Main.BAD_INPUT;
        } catch (EngineException e) {
            stderr.println("codeact: the Python engine failed: " + e.getMessage());
            return Main.FAILED;
        }
    }

    private AgentConfig agentConfig(ProviderConfig connection) {
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

    /** The session folder, locked by this process before anything is written in it (see {@link OutFolder}). */
    private SessionLock claimFolder(String question) {
        if (out == null) {
            Path root = sessionsDir != null ? sessionsDir : SessionFolders.defaultRoot(System.getenv());
            return SessionLock.acquire(SessionFolders.create(root, question, Instant.now()), "codeact ask");
        }
        return OutFolder.claim(out, "codeact ask");
    }

    /** Applies {@code --output-limit} to the engines' kept output and returns it for the stored copy. */
    private int limitOutput() {
        studio.codeact.engine.OutputBound.setDefaultLimit(outputLimit);
        return outputLimit;
    }

    private SettingsFile settingsFile() {
        return settings == null ? SettingsFile.standard() : new SettingsFile(settings);
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is already exiting: the hook is running and will see the latch.
        }
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
