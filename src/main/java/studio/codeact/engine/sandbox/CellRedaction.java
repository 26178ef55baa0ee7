package studio.codeact.engine.sandbox;

import studio.codeact.engine.MimeBundle;
import studio.codeact.engine.Output;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outputs of one cell, redacted in order: stream chunks go through a {@link StreamRedactor}
 * per stream (a key split across chunks is found); any other output first releases what the
 * streams held back, so the order stays the code's. {@link #finish} releases the rest at the end.
 * Thread-safe (the engine's event thread feeds it; the end may come on the thread that completes
 * the cell's future).
 */
final class CellRedaction {

    private final Redactor redactor;
    private final Map<Output.StreamName, StreamRedactor> streams = new EnumMap<>(Output.StreamName.class);

    CellRedaction(Redactor redactor) {
        this.redactor = redactor;
    }

    /** The redacted outputs to pass on for {@code output} (none while a stream holds back a possible key start). */
    synchronized List<Output> pass(Output output) {
        List<Output> out = new ArrayList<>(2);
        if (output instanceof Output.Stream stream) {
            String safe = streams.computeIfAbsent(stream.name(), name -> redactor.streaming()).feed(stream.text());
            if (!safe.isEmpty() || stream.text().isEmpty()) {
                out.add(new Output.Stream(stream.name(), safe));
            }
            return out;
        }
        release(out);
        out.add(redactNonStream(output));
        return out;
    }

    /** What the streams still hold back: the cell ended, so it is no key. */
    synchronized List<Output> finish() {
        List<Output> out = new ArrayList<>(2);
        release(out);
        return out;
    }

    private void release(List<Output> out) {
        streams.forEach((name, stream) -> {
            if (stream.holdsBack()) {
                out.add(new Output.Stream(name, stream.flush()));
            }
        });
    }

    /**
     * A whole cell's outputs (an {@link studio.codeact.engine.ExecutionResult}'s), redacted the same
     * way; consecutive chunks of one stream are joined again after redaction.
     */
    static List<Output> redactAll(Redactor redactor, List<Output> outputs) {
        CellRedaction cell = new CellRedaction(redactor);
        List<Output> out = new ArrayList<>(outputs.size());
        outputs.forEach(output -> cell.pass(output).forEach(next -> append(out, next)));
        cell.finish().forEach(next -> append(out, next));
        return out;
    }

    private static void append(List<Output> out, Output next) {
        if (next instanceof Output.Stream stream && !out.isEmpty() && out.getLast() instanceof Output.Stream last
                && last.name() == stream.name()) {
            out.set(out.size() - 1, new Output.Stream(stream.name(), last.text() + stream.text()));
        } else {
            out.add(next);
        }
    }

    Output redactNonStream(Output output) {
        return redact(redactor, output);
    }

    static Output redact(Redactor redactor, Output output) {
        return switch (output) {
            case Output.Stream stream -> new Output.Stream(stream.name(), redactor.redact(stream.text()));
            case Output.Display display -> new Output.Display(redact(redactor, display.data()), display.metadata());
            case Output.Result result -> new Output.Result(result.executionCount(), redact(redactor, result.data()), result.metadata());
            case Output.Error error -> new Output.Error(error.ename(), redactor.redact(error.evalue()),
                    error.traceback().stream().map(redactor::redact).toList());
        };
    }

    /** Every text value of a bundle (PNG data is base64 of pixels, left as it is). */
    static MimeBundle redact(Redactor redactor, MimeBundle bundle) {
        Map<String, String> data = new LinkedHashMap<>();
        bundle.data().forEach((mime, value) -> data.put(mime, mime.equals(MimeBundle.IMAGE_PNG) ? value : redactor.redact(value)));
        return new MimeBundle(data);
    }
}
