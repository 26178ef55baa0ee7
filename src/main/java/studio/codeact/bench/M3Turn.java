package studio.codeact.bench;

/**
 * One model reply under M3ToolEval's protocol, as the harness read it.
 *
 * @param reply       the reply as the paper keeps it (cut before a second {@code Action:}/{@code Answer:})
 * @param type        {@code action}, {@code answer} or {@code invalid}
 * @param content     the action's code or call, or the answer's text
 * @param observation the next user message's text: the tool's result, the paper's "incorrect" or "invalid"
 *                    sentence; {@code null} for a code action (it runs in the engine first)
 * @param extraInfo   the paper's reminder when the reply held several actions or answers, else empty
 * @param correct     whether the answer (or an atomic task's action result) is right
 * @param score       the verdict on an answer, or on an atomic task's action result that was right; else {@code null}
 */
public record M3Turn(String reply, String type, String content, String observation, String extraInfo, boolean correct, Score score) {

    public boolean isAnswer() {
        return "answer".equals(type);
    }

    public boolean isAction() {
        return "action".equals(type);
    }
}
