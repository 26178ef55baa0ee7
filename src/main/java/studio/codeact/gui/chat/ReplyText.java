package studio.codeact.gui.chat;

import java.util.regex.Pattern;

/**
 * What of a model's reply the chat shows: its words. Code actions in {@code <execute>} tags
 * appear as cells and action cards, so they are taken out (an unclosed one, still streaming,
 * too); {@code <solution>} tags are unwrapped.
 */
public final class ReplyText {

    private static final Pattern ACTION = Pattern.compile("<execute>.*?(</execute>|\\z)", Pattern.DOTALL);
    private static final Pattern SOLUTION_TAGS = Pattern.compile("</?solution>");

    private ReplyText() {
    }

    public static String prose(String reply) {
        String text = ACTION.matcher(reply).replaceAll("");
        text = SOLUTION_TAGS.matcher(text).replaceAll("");
        return text.replaceAll("\n{3,}", "\n\n").strip();
    }
}
