package studio.codeact.session;

import java.util.Locale;

/**
 * Shortens long text by keeping its head and tail and saying, in the middle, what was cut.
 * Cuts fall on line boundaries when one is near, so no line is shown half.
 */
public final class HeadTail {

    /** Share of the budget given to the head; the rest goes to the tail. */
    private static final double HEAD_SHARE = 0.6;

    private HeadTail() {
    }

    /** {@code text} itself when it fits in {@code budget} characters, else its head and tail with a marker between. */
    public static String clip(String text, int budget) {
        if (text.length() <= budget) {
            return text;
        }
        int room = Math.max(0, budget - 90);
        int headEnd = snapBack(text, (int) (room * HEAD_SHARE));
        int tailStart = snapForward(text, text.length() - (room - headEnd));
        if (tailStart < headEnd) {
            tailStart = headEnd;
        }
        String cut = text.substring(headEnd, tailStart);
        return text.substring(0, headEnd) + marker(cut) + text.substring(tailStart);
    }

    /** The marker that replaces {@code cut}; starts and ends on its own line. */
    static String marker(String cut) {
        long lines = cut.chars().filter(c -> c == '\n').count();
        String what = String.format(Locale.ROOT, "%,d characters", cut.length());
        if (lines > 0) {
            what += String.format(Locale.ROOT, " (%,d lines)", lines);
        }
        return "\n[\u2026 " + what + " cut from the middle \u2026]\n";
    }

    /** Moves {@code at} back to just after a newline if one is close, so the head ends with whole lines. */
    private static int snapBack(String text, int at) {
        int newline = text.lastIndexOf('\n', at - 1);
        if (newline >= 0 && at - newline <= Math.max(80, at / 5)) {
            return newline + 1;
        }
        return at;
    }

    /** Moves {@code at} forward to the start of the next line if one is close, so the tail starts with a whole line. */
    private static int snapForward(String text, int at) {
        if (at <= 0) {
            return 0;
        }
        if (text.charAt(at - 1) == '\n') {
            return at;
        }
        int newline = text.indexOf('\n', at);
        int tail = text.length() - at;
        if (newline >= 0 && newline - at <= Math.max(80, tail / 5) && newline + 1 < text.length()) {
            return newline + 1;
        }
        return at;
    }
}
