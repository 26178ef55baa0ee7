package studio.codeact.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What an engine keeps of one cell's outputs, bounded however much the cell prints: consecutive
 * chunks of a stream are merged (as Jupyter stores them) into their first {@code 60 %} of the
 * limit and a rolling tail of the rest, with a count of what was cut between them. Every chunk
 * still reaches the engine's listener as it comes; only what the result keeps is bounded, so
 * a cell printing gigabytes holds about the limit in memory.
 *
 * <p>The limit is a setting ({@code --output-limit} on the command line, {@code "outputLimit"}
 * in the settings file); it applies to cells started after it is set. Not thread-safe: one
 * instance per cell, fed by one thread at a time.
 */
public final class OutputBound {

    /** The settings file's key for the limit ({@code "outputLimit": 100000}), read by the CLI and the desktop app. */
    public static final String SETTINGS_KEY = "outputLimit";

    /** Characters kept per stream run by default: what a stored cell keeps. */
    public static final int DEFAULT_LIMIT = 100_000;

    private static volatile int defaultLimit = DEFAULT_LIMIT;

    private final int headRoom;
    private final int tailRoom;
    private final List<Output> kept = new ArrayList<>();
    private Output.StreamName name;
    private StringBuilder head;
    private char[] tail;
    private int tailStart;
    private int tailLength;
    private long cutChars;
    private long cutLines;
    /** Text was cut before it came here ({@link #cut}): what follows belongs to the tail. */
    private boolean headClosed;

    public OutputBound() {
        this(defaultLimit);
    }

    public OutputBound(int limit) {
        int bounded = Math.max(1_000, limit);
        this.headRoom = (int) (bounded * 0.6);
        this.tailRoom = bounded - headRoom;
    }

    /** The limit new cells get (characters kept per stream run). */
    public static int defaultLimit() {
        return defaultLimit;
    }

    /** Sets the limit new cells get; at least 1,000 characters. */
    public static void setDefaultLimit(int chars) {
        if (chars < 1_000) {
            throw new IllegalArgumentException("the output limit must be at least 1000 characters, not " + chars);
        }
        defaultLimit = chars;
    }

    /**
     * The open stream run in its parts, for a consumer that keeps its own bound (the desktop
     * app's stream view); see {@link #cut}.
     *
     * @param cutChars characters cut between head and tail
     * @param cutLines line ends among them
     */
    public record Run(Output.StreamName name, String head, long cutChars, long cutLines, String tail) { }

    /** The open stream run (the last output was stream text), if any. */
    public java.util.Optional<Run> openRun() {
        if (name == null) {
            return java.util.Optional.empty();
        }
        StringBuilder rest = new StringBuilder(tailLength);
        for (int i = 0; i < tailLength; i++) {
            rest.append(tail[(tailStart + i) % tailRoom]);
        }
        return java.util.Optional.of(new Run(name, head.toString(), cutChars, cutLines, rest.toString()));
    }

    /**
     * Counts {@code chars} characters of {@code stream} ({@code lines} line ends) that an earlier
     * bound cut before they reached this one: they join the count of the open run's cut, and the
     * text that follows goes to the tail.
     */
    public void cut(Output.StreamName stream, long chars, long lines) {
        open(stream);
        cutChars += chars;
        cutLines += lines;
        headClosed = true;
    }

    private void open(Output.StreamName stream) {
        if (stream != name) {
            closeStream();
            name = stream;
            head = new StringBuilder();
            tail = new char[tailRoom];
        }
    }

    public void add(Output output) {
        if (output instanceof Output.Stream stream) {
            open(stream.name());
            append(stream.text());
        } else {
            closeStream();
            kept.add(output);
        }
    }

    /** Everything kept, in order, streams merged and bounded. */
    public List<Output> outputs() {
        List<Output> all = new ArrayList<>(kept);
        if (name != null) {
            all.add(new Output.Stream(name, text()));
        }
        return all;
    }

    private void append(String text) {
        int offset = 0;
        if (!headClosed && head.length() < headRoom) {
            int take = Math.min(headRoom - head.length(), text.length());
            head.append(text, 0, take);
            offset = take;
        }
        int length = text.length() - offset;
        if (length == 0) {
            return;
        }
        // What falls out of the tail, or what never fits into it, is cut.
        int overflow = tailLength + length - tailRoom;
        if (overflow > 0) {
            int fromTail = Math.min(overflow, tailLength);
            countCut(tail, tailStart, fromTail);
            tailStart = (tailStart + fromTail) % tailRoom;
            tailLength -= fromTail;
            int fromText = overflow - fromTail;
            if (fromText > 0) {
                countCut(text, offset, fromText);
                offset += fromText;
                length -= fromText;
            }
        }
        for (int i = 0; i < length; i++) {
            tail[(tailStart + tailLength + i) % tailRoom] = text.charAt(offset + i);
        }
        tailLength += length;
    }

    private void countCut(char[] ring, int start, int count) {
        for (int i = 0; i < count; i++) {
            if (ring[(start + i) % tailRoom] == '\n') {
                cutLines++;
            }
        }
        cutChars += count;
    }

    private void countCut(String text, int start, int count) {
        for (int i = start; i < start + count; i++) {
            if (text.charAt(i) == '\n') {
                cutLines++;
            }
        }
        cutChars += count;
    }

    private String text() {
        StringBuilder all = new StringBuilder(head.length() + tailLength + 100).append(head);
        if (cutChars > 0) {
            all.append(marker());
        }
        for (int i = 0; i < tailLength; i++) {
            all.append(tail[(tailStart + i) % tailRoom]);
        }
        return all.toString();
    }

    private String marker() {
        String what = String.format(Locale.ROOT, "%,d characters", cutChars);
        if (cutLines > 0) {
            what += String.format(Locale.ROOT, " (%,d lines)", cutLines);
        }
        return "\n[\u2026 " + what + " cut from the middle \u2026]\n";
    }

    private void closeStream() {
        if (name != null) {
            kept.add(new Output.Stream(name, text()));
            name = null;
            head = null;
            tail = null;
            tailStart = 0;
            tailLength = 0;
            cutChars = 0;
            cutLines = 0;
            headClosed = false;
        }
    }
}
