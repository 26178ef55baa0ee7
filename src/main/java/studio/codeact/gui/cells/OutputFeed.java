package studio.codeact.gui.cells;

import studio.codeact.engine.Output;
import studio.codeact.engine.OutputBound;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Outputs on their way from an engine's (or the agent's) thread to the FX thread, for cells
 * named by a key. One task per chunk would queue a flood of printed text without limit whenever
 * the FX thread draws slower than the cell prints; here chunks of one stream that arrive before
 * the FX thread takes them join one bounded run ({@link OutputBound}: head, tail and a count of
 * what was cut between them), and one task hands over whatever waits, in order. So what waits
 * for the FX thread is about one output limit, however much a cell prints.
 *
 * <p>Threads: {@link #offer} from any thread; the sink runs on the executor's thread.
 */
public final class OutputFeed<K> {

    /** Where the outputs go, on the FX thread. */
    public interface Sink<K> {
        void output(K key, Output output);

        /** {@code chars} characters of {@code stream} ({@code lines} line ends) were cut here on the way. */
        void cut(K key, Output.StreamName stream, long chars, long lines);
    }

    private sealed interface Waiting<K> {
        record One<K>(K key, Output output) implements Waiting<K> { }

        record Cut<K>(K key, Output.StreamName stream, long chars, long lines) implements Waiting<K> { }
    }

    private final Executor ui;
    private final Sink<K> sink;
    // guarded by this
    private final List<Waiting<K>> waiting = new ArrayList<>();
    private K runKey;
    private Output.StreamName runName;
    private OutputBound run;
    private boolean scheduled;

    public OutputFeed(Executor ui, Sink<K> sink) {
        this.ui = ui;
        this.sink = sink;
    }

    /** Queues {@code output} of the cell {@code key}; any thread. */
    public void offer(K key, Output output) {
        boolean schedule;
        synchronized (this) {
            if (output instanceof Output.Stream stream) {
                if (run == null || !Objects.equals(runKey, key) || runName != stream.name()) {
                    closeRun();
                    runKey = key;
                    runName = stream.name();
                    run = new OutputBound();
                }
                run.add(stream);
            } else {
                closeRun();
                waiting.add(new Waiting.One<>(key, output));
            }
            schedule = !scheduled;
            scheduled = true;
        }
        if (schedule) {
            ui.execute(this::drain);
        }
    }

    private void closeRun() {
        if (run == null) {
            return;
        }
        run.openRun().ifPresent(open -> {
            if (open.cutChars() == 0) {
                waiting.add(new Waiting.One<>(runKey, new Output.Stream(open.name(), open.head() + open.tail())));
            } else {
                waiting.add(new Waiting.One<>(runKey, new Output.Stream(open.name(), open.head())));
                waiting.add(new Waiting.Cut<>(runKey, open.name(), open.cutChars(), open.cutLines()));
                if (!open.tail().isEmpty()) {
                    waiting.add(new Waiting.One<>(runKey, new Output.Stream(open.name(), open.tail())));
                }
            }
        });
        run = null;
        runKey = null;
        runName = null;
    }

    private void drain() {
        List<Waiting<K>> batch;
        synchronized (this) {
            closeRun();
            batch = new ArrayList<>(waiting);
            waiting.clear();
            scheduled = false;
        }
        for (Waiting<K> next : batch) {
            switch (next) {
                case Waiting.One<K> one -> sink.output(one.key(), one.output());
                case Waiting.Cut<K> cut -> sink.cut(cut.key(), cut.stream(), cut.chars(), cut.lines());
            }
        }
    }
}
