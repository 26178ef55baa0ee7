package studio.codeact.gui.cells;

import studio.codeact.engine.MimeBundle;
import studio.codeact.engine.Output;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns engine outputs into the items a cell shows, richest representation first. */
final class OutputMapper {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** ANSI colour codes, in case an engine or library lets some through. */
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[;\\d]*[A-Za-z]");

    private OutputMapper() {
    }

    /**
     * Adds {@code output} to {@code items}: stream chunks of the same stream join the last item;
     * everything else becomes a new item.
     *
     * @param source the cell's code, used to find which variable a DataFrame result came from
     */
    static void append(List<OutputItem> items, Output output, String source) {
        switch (output) {
            case Output.Stream stream -> {
                if (!items.isEmpty() && items.getLast() instanceof OutputItem.StreamText last && last.stream() == stream.name()) {
                    last.append(stripAnsi(stream.text()));
                } else {
                    OutputItem.StreamText text = new OutputItem.StreamText(stream.name());
                    text.append(stripAnsi(stream.text()));
                    items.add(text);
                }
            }
            case Output.Display display when display.data().has(MimeBundle.PROGRESS) -> progress(items, display.data());
            case Output.Display display -> items.add(fromBundle(display.data(), Optional.empty(), false));
            case Output.Result result -> items.add(fromBundle(result.data(), resultVariable(source, result.executionCount()), true));
            case Output.Error error -> items.add(new OutputItem.Error(error.ename(), stripAnsi(error.evalue()),
                    error.traceback().stream().map(OutputMapper::stripAnsi).toList()));
        }
    }

    /** Counts text of {@code stream} cut on its way to {@code items} in the stream's last item. */
    static void cut(List<OutputItem> items, Output.StreamName stream, long chars, long lines) {
        if (!items.isEmpty() && items.getLast() instanceof OutputItem.StreamText last && last.stream() == stream) {
            last.cut(chars, lines);
        } else {
            OutputItem.StreamText text = new OutputItem.StreamText(stream);
            text.cut(chars, lines);
            items.add(text);
        }
    }

    private static final Pattern PROGRESS_FIELD = Pattern.compile("\"(done|total|elapsed|finished)\"\\s*:\\s*([0-9.]+|true|false)");

    /** A progress update replaces the one shown; the last one (finished) removes it. */
    private static void progress(List<OutputItem> items, MimeBundle bundle) {
        items.removeIf(item -> item instanceof OutputItem.Progress);
        java.util.Map<String, String> fields = new java.util.HashMap<>();
        Matcher matcher = PROGRESS_FIELD.matcher(bundle.get(MimeBundle.PROGRESS).orElse(""));
        while (matcher.find()) {
            fields.put(matcher.group(1), matcher.group(2));
        }
        if (!"true".equals(fields.get("finished"))) {
            items.add(new OutputItem.Progress((long) Double.parseDouble(fields.getOrDefault("done", "0")),
                    (long) Double.parseDouble(fields.getOrDefault("total", "0")), Double.parseDouble(fields.getOrDefault("elapsed", "0"))));
        }
    }

    /** When the cell ends, no progress is left under it. */
    static void endProgress(List<OutputItem> items) {
        items.removeIf(item -> item instanceof OutputItem.Progress);
    }

    static OutputItem fromBundle(MimeBundle bundle, Optional<String> variable, boolean result) {
        Optional<byte[]> png = bundle.png();
        if (png.isPresent()) {
            return new OutputItem.Figure(png.get(), bundle.text());
        }
        Optional<String> schema = bundle.get(MimeBundle.TABLE_SCHEMA);
        if (schema.isPresent()) {
            return new OutputItem.Table(variable, schema.get(), bundle.text());
        }
        Optional<String> markdown = bundle.get(MimeBundle.TEXT_MARKDOWN);
        if (markdown.isPresent()) {
            return new OutputItem.Markdown(markdown.get());
        }
        return new OutputItem.Text(stripAnsi(bundle.text()), result);
    }

    /**
     * The variable a cell's result can be re-read from: the last line itself when it is a bare
     * name ({@code df}), else IPython's output-history name {@code _N} for execution count N.
     */
    static Optional<String> resultVariable(String source, int executionCount) {
        String last = lastCodeLine(source);
        if (IDENTIFIER.matcher(last).matches()) {
            return Optional.of(last);
        }
        return executionCount > 0 ? Optional.of("_" + executionCount) : Optional.empty();
    }

    private static String lastCodeLine(String source) {
        String[] lines = source.split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            String line = lines[i].strip();
            if (!line.isEmpty() && !line.startsWith("#")) {
                return line;
            }
        }
        return "";
    }

    static String stripAnsi(String text) {
        return text.indexOf('\u001B') < 0 ? text : ANSI.matcher(text).replaceAll("");
    }
}
