package studio.codeact.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A whole session, immutable: who ran it on what, and its timeline of questions, replies,
 * cells, observations and answers. Every change makes a new {@code Session};
 * {@link SessionStore} keeps the latest and writes it to disk.
 *
 * @param id      a name unique enough for file names and trajectory ids
 * @param created when the session began
 * @param updated when it last changed
 * @param info    what it runs on
 * @param entries its timeline, oldest first
 * @param status  where it stands
 * @param failure why it failed, when it did (else empty)
 */
public record Session(String id, Instant created, Instant updated, SessionInfo info, List<Entry> entries,
                      SessionStatus status, String failure) {

    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(created, "created");
        updated = updated == null ? created : updated;
        Objects.requireNonNull(info, "info");
        entries = List.copyOf(entries);
        Objects.requireNonNull(status, "status");
        failure = failure == null ? "" : failure;
    }

    /** An empty running session. */
    public static Session start(String id, Instant now, SessionInfo info) {
        return new Session(id, now, now, info, List.of(), SessionStatus.RUNNING, "");
    }

    public Session withEntry(Entry entry) {
        List<Entry> more = new ArrayList<>(entries.size() + 1);
        more.addAll(entries);
        more.add(entry);
        return new Session(id, created, entry.at(), info, more, status, failure);
    }

    /** Replaces the cell with the same number (its entry keeps its place in the timeline). */
    public Session withCell(Cell cell, Instant now) {
        List<Entry> changed = new ArrayList<>(entries);
        for (int i = changed.size() - 1; i >= 0; i--) {
            if (changed.get(i) instanceof Entry.CodeCell code && code.cell().number() == cell.number()) {
                changed.set(i, new Entry.CodeCell(code.at(), cell));
                return new Session(id, created, now, info, changed, status, failure);
            }
        }
        throw new IllegalArgumentException("no cell " + cell.number() + " in session " + id);
    }

    public Session withInfo(SessionInfo changed, Instant now) {
        return new Session(id, created, now, changed, entries, status, failure);
    }

    /** The session's status after the latest question; a new question sets it back to running. */
    public Session withStatus(SessionStatus changed, String reason, Instant now) {
        return new Session(id, created, now, info, entries, changed, reason);
    }

    /** All cells in timeline order. */
    public List<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry instanceof Entry.CodeCell code) {
                cells.add(code.cell());
            }
        }
        return cells;
    }

    public Optional<Cell> cell(int number) {
        return cells().stream().filter(c -> c.number() == number).findFirst();
    }

    /** The answer to the latest question, if it has one. */
    public Optional<String> answer() {
        for (int i = entries.size() - 1; i >= 0; i--) {
            Entry entry = entries.get(i);
            if (entry instanceof Entry.Answer answer) {
                return Optional.of(answer.text());
            }
            if (entry instanceof Entry.Question) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Tokens used over the whole session (every question, every run). */
    public TokenUsage usage() {
        TokenUsage total = TokenUsage.NONE;
        for (Entry entry : entries) {
            if (entry instanceof Entry.Reply reply) {
                total = total.plus(reply.usage());
            }
        }
        return total;
    }

    /**
     * Tokens used per question, in the order they were asked: the replies after a question up to the
     * next one. Replies before the first question (none are written today) count toward the first.
     */
    public List<TokenUsage> usageByQuestion() {
        List<TokenUsage> sums = new ArrayList<>();
        TokenUsage current = TokenUsage.NONE;
        boolean asked = false;
        for (Entry entry : entries) {
            if (entry instanceof Entry.Question) {
                if (asked) {
                    sums.add(current);
                    current = TokenUsage.NONE;
                }
                asked = true;
            } else if (entry instanceof Entry.Reply reply) {
                current = current.plus(reply.usage());
            }
        }
        if (asked || !current.isEmpty()) {
            sums.add(current);
        }
        return sums;
    }

    /**
     * True when a cell's code failed and a later action ran cleanly: the model repaired its own
     * mistake, which is what makes a trajectory valuable training data (CodeActInstruct).
     */
    public boolean containsSelfRepair() {
        boolean sawFailure = false;
        for (Cell cell : cells()) {
            if (cell.kind() != CellKind.ACTION) {
                continue;
            }
            if (cell.status().failed()) {
                sawFailure = true;
            } else if (sawFailure && cell.status() == CellStatus.OK) {
                return true;
            }
        }
        return false;
    }
}
