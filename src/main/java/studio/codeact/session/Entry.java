package studio.codeact.session;

import java.time.Instant;
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

    /** Something the agent or the engine did that the reader should know (restart, fallback, failure). */
    record Notice(Instant at, String text) implements Entry {
        public Notice {
            Objects.requireNonNull(text);
        }
    }
}
