package studio.codeact.bench;

/**
 * {@code --check-suite}'s verdict on one task: its reference solution, run through its own checker.
 *
 * @param taskId    the task
 * @param ok        the reference answer passed (and made as many tool calls as the class asks)
 * @param calls     tool calls the reference made
 * @param answer    the reference's answer as JSON text
 * @param detail    why it failed, or a note (e.g. that the task has no reference)
 * @param reference whether the task has a reference solution at all
 */
public record TaskCheck(String taskId, boolean ok, int calls, String answer, String detail, boolean reference) {
}
