package studio.codeact.session;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** One event of a session's timeline, in the order it happened. */
public sealed interface Entry {

    Instant at();

    /** A question the user asked (the first one, or a follow-up). */
    record Question(Instant at, String text) implements Entry {
        public Question {
            Objects.requireNonNull(text);
        }
    }

    /**
     * A reply of the model.
     *
     * @param turn  the turn (1-based, counted per question)
     * @param text  the reply in CodeAct form: its prose with each action in {@code <execute>} tags
     * @param prose the reply without its actions (what a notebook shows as a markdown cell)
     * @param usage the tokens the model call that wrote it used ({@link TokenUsage#NONE} in sessions recorded before usage was)
     */
    record Reply(Instant at, int turn, String text, String prose, TokenUsage usage) implements Entry {
        public Reply {
            Objects.requireNonNull(text);
            prose = prose == null ? "" : prose;
            usage = usage == null ? TokenUsage.NONE : usage;
        }

        /** A reply whose usage is not known. */
        public Reply(Instant at, int turn, String text, String prose) {
            this(at, turn, text, prose, TokenUsage.NONE);
        }
    }

    /** A cell that ran (or was submitted, or refused). Updated in place as it finishes. */
    record CodeCell(Instant at, Cell cell) implements Entry {
        public CodeCell {
            Objects.requireNonNull(cell);
        }
    }

    /** The observation the model was given after a turn's actions, in full (before any shortening). */
    record Observation(Instant at, int turn, String text) implements Entry {
        public Observation {
            Objects.requireNonNull(text);
        }
    }

    /** The final answer to the latest question. */
    record Answer(Instant at, String text) implements Entry {
        public Answer {
            Objects.requireNonNull(text);
        }
    }

    /**
     * Where a later run of the session begins: the session was opened again ("Continue",
     * {@code codeact ask --resume}), its cells ran again in a fresh interpreter, and the
     * conversation went on. Entries after it (up to the next one) belong to that run; entries
     * before the first one belong to run 1.
     *
     * @param run     the run it begins: 2, 3 …
     * @param engine  where Python ran in this run
     * @param model   the model of this run
     * @param rerun   the cells that ran again and worked
     * @param skipped the cells not run again (they failed, were refused or never finished then)
     * @param failed  the cells that ran again and failed this time
     * @param note    what the reader (and the model) should know, in a sentence or two
     */
    record Resumed(Instant at, int run, String engine, String model, List<Integer> rerun, List<Integer> skipped, List<Integer> failed,
                   String note) implements Entry {
        public Resumed {
            engine = engine == null ? "" : engine;
            model = model == null ? "" : model;
            rerun = List.copyOf(rerun);
            skipped = List.copyOf(skipped);
            failed = List.copyOf(failed);
            note = note == null ? "" : note;
        }
    }

    /** Something the agent or the engine did that the reader should know (restart, fallback, failure). */
    record Notice(Instant at, String text) implements Entry {
        public Notice {
            Objects.requireNonNull(text);
        }
    }
}
