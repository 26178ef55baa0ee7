package studio.codeact.engine.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The listeners of one kind an engine tells about something, each guarded: a listener that
 * throws is logged and the others are still told. Adding and removing are safe from any
 * thread; {@link #forEach} runs on the caller's thread (the engine's event thread).
 *
 * @param <L> the listener type
 */
public final class Listeners<L> {

    private static final System.Logger LOG = System.getLogger(Listeners.class.getName());

    private final List<L> listeners = new CopyOnWriteArrayList<>();
    private final String what;

    /** @param what the listeners as a log message names them: "an engine listener" */
    public Listeners(String what) {
        this.what = what;
    }

    public void add(L listener) {
        listeners.add(listener);
    }

    public void remove(L listener) {
        listeners.remove(listener);
    }

    public boolean isEmpty() {
        return listeners.isEmpty();
    }

    /** Tells every listener, in the order they were added; one that throws does not stop the rest. */
    public void forEach(Consumer<? super L> tell) {
        for (L listener : listeners) {
            guarded(what, () -> tell.accept(listener));
        }
    }

    /** Runs one listener call; a {@link RuntimeException} from it is logged as {@code what} failing, never thrown. */
    public static void guarded(String what, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, what + " failed", e);
        }
    }
}
