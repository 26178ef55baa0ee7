package studio.codeact.bench;

/**
 * The verdict on a final answer.
 *
 * @param success  whether it matches the expected answer under the task's comparison
 * @param detail   why not (empty on success)
 * @param gradedBy the comparison that accepted it, or every one tried when none did (e.g.
 *                 {@code "number (tolerance 0.005)"}); empty when unknown
 * @param expected the expected answer as JSON text when it failed, else {@code null}
 */
public record Score(boolean success, String detail, String gradedBy, String expected) {

    public Score {
        detail = detail == null ? "" : detail;
        gradedBy = gradedBy == null ? "" : gradedBy;
    }

    public Score(boolean success, String detail) {
        this(success, detail, "", null);
    }
}
