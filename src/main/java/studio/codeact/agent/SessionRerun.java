package studio.codeact.agent;

import studio.codeact.engine.EngineException;
import studio.codeact.engine.ExecutionRequest;
import studio.codeact.engine.ExecutionResult;
import studio.codeact.engine.Output;
import studio.codeact.engine.PythonEngine;
import studio.codeact.session.Cell;
import studio.codeact.session.CellKind;
import studio.codeact.session.Session;
import studio.codeact.session.SessionResume;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;

/**
 * Runs a saved session's cells again, in order, in a fresh interpreter, so that a continued
 * session has the variables its conversation speaks of. Only cells that worked then run again
 * (a failed cell would fail again, or worse, half-work); the loading cells read moved data files
 * from their new place. Nothing is recorded as a new cell: the record keeps the cells of the
 * run that wrote them, and the continuation notes what ran again ({@code Entry.Resumed}).
 * Runs on the agent's thread.
 */
final class SessionRerun {

    /** What ran again. {@code setupCode}: the loading code as it ran now (run again if the interpreter dies later). */
    record Outcome(String setupCode, List<Integer> rerun, List<Integer> skipped, List<Integer> failed, List<String> errors, boolean stopped) {
        Outcome {
            rerun = List.copyOf(rerun);
            skipped = List.copyOf(skipped);
            failed = List.copyOf(failed);
            errors = List.copyOf(errors);
        }
    }

    private SessionRerun() {
    }

    static Outcome run(PythonEngine engine, Session session, Map<String, Path> moved, Duration cellTimeout, RerunListener listener,
                       BooleanSupplier stopped) {
        List<Cell> toRun = session.cells().stream().filter(ResumedConversation::runsAgain).toList();
        StringBuilder setup = new StringBuilder();
        List<Integer> rerun = new ArrayList<>();
        List<Integer> skipped = new ArrayList<>();
        List<Integer> failed = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        int index = 0;
        for (Cell cell : session.cells()) {
            if (!ResumedConversation.runsAgain(cell)) {
                skipped.add(cell.number());
                listener.skipped(cell, "it " + how(cell) + " then");
                continue;
            }
            if (stopped.getAsBoolean()) {
                skipped.add(cell.number());
                listener.skipped(cell, "the re-run was stopped");
                continue;
            }
            index++;
            listener.starting(index, toRun.size(), cell);
            boolean loading = cell.kind() == CellKind.SETUP;
            String code = loading ? SessionResume.remapCode(cell.code(), moved) : cell.code();
            ExecutionResult result = execute(engine, code, loading ? null : cellTimeout, cell.number());
            if (result.ok()) {
                rerun.add(cell.number());
                if (loading) {
                    setup.append(setup.isEmpty() ? "" : "\n").append(code);
                }
                listener.finished(cell, result);
            } else {
                failed.add(cell.number());
                String why = result.error().map(Output.Error::summary).orElse(result.status().name().toLowerCase(Locale.ROOT));
                errors.add("cell " + cell.number() + ": " + why);
                listener.finished(cell, result);
            }
        }
        return new Outcome(setup.toString(), rerun, skipped, failed, errors, stopped.getAsBoolean());
    }

    private static ExecutionResult execute(PythonEngine engine, String code, Duration timeout, int number) {
        try {
            return engine.execute(ExecutionRequest.of(code).withTimeout(timeout), output -> { }).join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw cause instanceof EngineException engineError ? engineError
                    : new EngineException("the Python engine failed while running cell " + number + " again: " + cause.getMessage(), cause);
        }
    }

    private static String how(Cell cell) {
        return switch (cell.status()) {
            case ERROR -> "failed";
            case TIMED_OUT -> "ran past the time limit";
            case DIED -> "killed the Python process";
            case REJECTED -> "was refused";
            default -> "did not finish";
        };
    }
}
