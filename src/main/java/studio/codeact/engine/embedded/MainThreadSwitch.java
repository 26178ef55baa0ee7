package studio.codeact.engine.embedded;

import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Lends the role of Python's "main thread" to a session's confined thread while it runs that
 * session's work, and gives it back after.
 *
 * <p>Why: CPython runs signal handlers only on the thread whose id is
 * {@code _PyRuntime.main_thread} (the one that initialised it). The embedded engine stops a cell
 * with a real signal whose Python handler raises {@code KeyboardInterrupt} — the only way to wake
 * a blocking call such as {@code time.sleep} — so the thread that runs the cell must be, for that
 * moment, Python's main thread. Only one thread runs Python work at a time here (the interpreter's
 * thread hands a task over and waits), so the role is never shared.
 *
 * <p>The field's offset differs between Python versions; it is found, not assumed: the one
 * 8-byte word in the first {@value #SCAN_BYTES} bytes of {@code _PyRuntime} that holds the
 * initialising thread's id. If there is not exactly one, the switch is unavailable and the
 * sandbox says so (the engine then runs without it rather than without interrupts).
 */
final class MainThreadSwitch {

    private static final int SCAN_BYTES = 2048;

    private final MemorySegment field;
    private final long mainThread;

    private MainThreadSwitch(MemorySegment field, long mainThread) {
        this.field = field;
        this.mainThread = mainThread;
    }

    /** The switch for the interpreter whose main thread is {@code mainThread}, or null when the field is not found. */
    static MainThreadSwitch find(LibPython library, long mainThread) {
        MemorySegment runtime = library.lookup().find("_PyRuntime").orElse(null);
        if (runtime == null) {
            return null;
        }
        @SuppressWarnings("restricted") // reading CPython's own runtime state; the JVM runs with --enable-native-access
        MemorySegment state = runtime.reinterpret(SCAN_BYTES);
        long found = -1;
        for (long offset = 0; offset + 8 <= SCAN_BYTES; offset += 8) {
            if (state.get(JAVA_LONG, offset) == mainThread) {
                if (found >= 0) {
                    return null; // ambiguous
                }
                found = offset;
            }
        }
        return found < 0 ? null : new MainThreadSwitch(state.asSlice(found, 8), mainThread);
    }

    /** Makes {@code thread} (a {@code pthread_t}) Python's main thread; call holding the GIL. */
    void lendTo(long thread) {
        field.set(JAVA_LONG, 0, thread);
    }

    /** Gives the role back to the interpreter's own thread; call holding the GIL. */
    void giveBack() {
        field.set(JAVA_LONG, 0, mainThread);
    }
}
