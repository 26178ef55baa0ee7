package studio.codeact.bench;

/**
 * The verdict on a final answer.
 *
 * @param success whether it matches the expected answer under the task's comparison
 * @param detail  why not (empty on success)
 */
public record Score(boolean success, String detail) {
}
