package studio.codeact.agent;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What a continued session says about its re-run: one sentence for the reader (the record, the screen), one for the model. */
final class ResumeNotes {

    private ResumeNotes() {
    }

    static String forReader(String engine, SessionRerun.Outcome outcome, Map<String, Path> moved) {
        StringBuilder note = new StringBuilder("Continued in a fresh Python (" + engine + " engine)");
        if (outcome.rerun().isEmpty() && outcome.failed().isEmpty()) {
            note.append("; no cells ran again");
        } else {
            note.append("; ").append(cells(outcome.rerun())).append(outcome.rerun().size() == 1 ? " ran again" : " ran again");
        }
        if (!outcome.skipped().isEmpty()) {
            note.append("; ").append(cells(outcome.skipped())).append(outcome.stopped() ? " not run again (failed then, or the re-run was stopped)"
                    : " not run again (failed then)");
        }
        if (!outcome.errors().isEmpty()) {
            note.append("; failed this time: ").append(String.join("; ", outcome.errors()));
        }
        moved.forEach((recorded, now) -> note.append("; data file ").append(recorded).append(" read from ").append(now));
        return note.append('.').toString();
    }

    static String forModel(SessionRerun.Outcome outcome) {
        StringBuilder note = new StringBuilder("[This session was continued later in a fresh Python interpreter. ");
        if (outcome.rerun().isEmpty()) {
            note.append("No earlier cell ran again, so no variables from before exist.");
        } else {
            note.append("The cells that worked before ran again (").append(cells(outcome.rerun()))
                    .append("), so their variables exist again.");
        }
        if (!outcome.skipped().isEmpty()) {
            note.append(" Not run again: ").append(cells(outcome.skipped())).append('.');
        }
        if (!outcome.errors().isEmpty()) {
            note.append(" Failed this time: ").append(String.join("; ", outcome.errors())).append(" — recompute what they made if you need it.");
        }
        return note.append(']').toString();
    }

    private static String cells(List<Integer> numbers) {
        return (numbers.size() == 1 ? "cell " : "cells ") + numbers.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
