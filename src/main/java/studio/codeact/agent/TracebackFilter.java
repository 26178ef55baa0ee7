package studio.codeact.agent;

import studio.codeact.engine.Output;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Keeps the part of an IPython traceback a model can act on: the frames in its own code (with
 * the line that failed and a little context), a count of the frames inside libraries, and
 * nothing of the banner. Handles chained exceptions by looking at the last link of the chain,
 * where the user's frame is. ANSI codes are removed in case an engine left any.
 */
public final class TracebackFilter {

    /** Frames of the model's own cells, across IPython versions. */
    private static final Pattern USER_FRAME = Pattern.compile("^\\s*(Cell In ?\\[\\d*\\]|Input In ?\\[\\d*\\]|<ipython-input-|File \"<ipython-input-|File <ipython-input-|File \"<string>\")");
    private static final Pattern LIBRARY_FRAME = Pattern.compile("^\\s*File ");
    private static final Pattern BANNER = Pattern.compile("^(-{20,}|\\S+\\s{2,}Traceback \\(most recent call last\\))\\s*$");
    private static final Pattern CHAIN = Pattern.compile("^\\s*(The above exception was the direct cause|During handling of the above exception)");
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[A-Za-z]");
    private static final Pattern ARROW = Pattern.compile("^\\s*-{2,}>");
    /** Lines of context kept before the failing line of a frame. */
    private static final int CONTEXT_BEFORE = 2;

    private TracebackFilter() {
    }

    /** The lines to show the model, without the final {@code Name: message} line. */
    public static List<String> relevantLines(Output.Error error) {
        List<String> blocks = new ArrayList<>();
        for (String part : error.traceback()) {
            blocks.add(ANSI.matcher(part).replaceAll(""));
        }
        int lastChain = -1;
        for (int i = 0; i < blocks.size(); i++) {
            if (CHAIN.matcher(blocks.get(i)).find()) {
                lastChain = i;
            }
        }
        List<String> kept = collect(blocks.subList(lastChain + 1, blocks.size()), error);
        if (kept.isEmpty() && lastChain >= 0) {
            kept = collect(blocks, error);
        }
        return kept;
    }

    private static List<String> collect(List<String> blocks, Output.Error error) {
        List<String> lines = new ArrayList<>();
        int libraryFrames = 0;
        boolean sawUserFrame = false;
        for (String block : blocks) {
            String trimmed = block.strip();
            if (trimmed.isEmpty() || BANNER.matcher(trimmed).matches() || CHAIN.matcher(trimmed).find() || isSummary(trimmed, error)) {
                continue;
            }
            if (USER_FRAME.matcher(block).find()) {
                if (libraryFrames > 0 && sawUserFrame) {
                    lines.add(libraryNote(libraryFrames));
                }
                libraryFrames = 0;
                sawUserFrame = true;
                lines.addAll(userFrame(block));
            } else if (LIBRARY_FRAME.matcher(block).find()) {
                libraryFrames++;
            } else {
                // Something else IPython printed (a SyntaxError's caret lines, a note): keep it as is.
                block.lines().filter(l -> !l.isBlank()).forEach(lines::add);
            }
        }
        if (libraryFrames > 0 && sawUserFrame) {
            lines.add(libraryNote(libraryFrames));
        }
        return lines;
    }

    private static boolean isSummary(String trimmed, Output.Error error) {
        return trimmed.equals(error.summary().strip()) || trimmed.equals(error.ename()) || trimmed.equals(error.ename() + ":")
                || trimmed.startsWith(error.ename() + ": ") && trimmed.lines().count() == 1;
    }

    private static String libraryNote(int frames) {
        return frames == 1 ? "(1 more frame inside library code)" : "(" + frames + " more frames inside library code)";
    }

    /** The frame's header, a few lines before the failing one, and the failing line. */
    private static List<String> userFrame(String block) {
        List<String> lines = block.lines().map(String::stripTrailing).filter(l -> !l.isBlank()).toList();
        int arrow = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (ARROW.matcher(lines.get(i)).find()) {
                arrow = i;
            }
        }
        if (arrow < 0) {
            return lines;
        }
        List<String> kept = new ArrayList<>();
        kept.add(lines.getFirst());
        for (int i = Math.max(1, arrow - CONTEXT_BEFORE); i <= arrow; i++) {
            kept.add(lines.get(i));
        }
        return kept;
    }
}
