package studio.codeact.agent;

import studio.codeact.session.CellKind;

/**
 * How one cell of a replayed session compared with its recorded run.
 *
 * @param cell       the cell's number
 * @param kind       setup or action
 * @param verdict    whether its outputs matched
 * @param difference the first difference found, or why it was skipped (empty when it matched)
 */
public record CellComparison(int cell, CellKind kind, Verdict verdict, String difference) {

    public enum Verdict {
        MATCH, DIFFERENT, SKIPPED
    }
}
