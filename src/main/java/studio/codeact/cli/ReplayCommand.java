package studio.codeact.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import studio.codeact.agent.CellComparison;
import studio.codeact.agent.SessionReplay;
import studio.codeact.engine.EngineConfig;
import studio.codeact.engine.EngineException;
import studio.codeact.engine.EngineKind;
import studio.codeact.engine.Engines;
import studio.codeact.engine.PythonEngine;
import studio.codeact.session.OutputCompaction;
import studio.codeact.session.Session;
import studio.codeact.session.SessionException;
import studio.codeact.session.SessionStore;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code codeact replay SESSION_DIR}: runs a session's cells again in a fresh interpreter and
 * reports, cell by cell, whether they produce what they produced when recorded. Exit 0 when
 * every compared cell matches, 1 when one differs (or the engine fails), 2 when the folder holds
 * no readable session.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Re-run a session's code in a fresh interpreter and report, cell by cell, whether the outputs match.")
public final class ReplayCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "SESSION_DIR", description = "A session folder (it holds session.json).")
    Path folder;

    @Option(names = "--engine", paramLabel = "embedded|kernel|remote", defaultValue = "embedded", description = "Where Python runs (default: ${DEFAULT-VALUE}).")
    String engine;

    @CommandLine.Mixin
    JupyterOptions jupyter = new JupyterOptions();

    @Option(names = "--cell-timeout", paramLabel = "SEC", defaultValue = "60", description = "Interrupt a cell after this many seconds (default: ${DEFAULT-VALUE}).")
    double cellTimeout;

    @Option(names = "--python", paramLabel = "PATH", description = "Python interpreter (default: $CODEACT_PYTHON, then /usr/bin/python3).")
    String python;

    @CommandLine.Mixin
    SandboxOptions sandboxOptions = new SandboxOptions();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Session session;
        EngineKind kind;
        EngineConfig base;
        studio.codeact.engine.sandbox.SandboxConfig sandbox;
        try {
            kind = EngineKind.parse(engine);
            session = SessionStore.read(folder);
            base = jupyter.engineConfig(kind, python, null);
            sandbox = sandboxOptions.config(null, null, session.info().datasets().stream()
                    .filter(d -> !d.path().isEmpty()).map(d -> Path.of(d.path())).toList(), null);
        } catch (IllegalArgumentException | SessionException e) {
            err.println("codeact: " + e.getMessage());
            return Main.BAD_INPUT;
        }
        Path recorded = session.info().workingFolder().isEmpty() ? null : Path.of(session.info().workingFolder());
        Path work = recorded != null && Files.isDirectory(recorded) ? recorded : folder.toAbsolutePath();
        EngineConfig config = base.withWorkingDirectory(work).withSandbox(sandbox);
        sandboxOptions.warnIfUnconfined(err, sandbox);
        Duration timeout = Duration.ofMillis(Math.round(cellTimeout * 1000));
        out.printf("replaying %d cells of session %s with the %s engine%n", session.cells().size(), session.id(), kind.id());
        out.flush();
        List<CellComparison> comparisons;
        try (PythonEngine python = Engines.create(kind, config)) {
            python.start();
            comparisons = new SessionReplay(python, timeout, OutputCompaction.DEFAULT_STREAM_CHARS).replay(session, comparison -> {
                out.println(line(comparison));
                out.flush();
            });
        } catch (EngineException e) {
            err.println("codeact: the Python engine failed: " + e.getMessage());
            return JupyterOptions.exitCode(e);
        }
        long matched = count(comparisons, CellComparison.Verdict.MATCH);
        long different = count(comparisons, CellComparison.Verdict.DIFFERENT);
        long skipped = count(comparisons, CellComparison.Verdict.SKIPPED);
        out.printf(Locale.ROOT, "%d matched, %d differed, %d skipped%n", matched, different, skipped);
        return different == 0 ? Main.OK : Main.FAILED;
    }

    private static String line(CellComparison comparison) {
        String cell = String.format(Locale.ROOT, "cell %-3d %-7s", comparison.cell(), comparison.kind().id());
        return switch (comparison.verdict()) {
            case MATCH -> cell + " match";
            case DIFFERENT -> cell + " DIFFERENT: " + comparison.difference();
            case SKIPPED -> cell + " skipped: " + comparison.difference();
        };
    }

    private static long count(List<CellComparison> comparisons, CellComparison.Verdict verdict) {
        return comparisons.stream().filter(c -> c.verdict() == verdict).count();
    }
}
