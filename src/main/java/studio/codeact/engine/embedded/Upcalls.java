package studio.codeact.engine.embedded;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The two C function pointers Python calls back through ({@code codeact_io.py} wraps them with
 * ctypes, which releases the GIL around each call):
 * {@code void emit(int kind, const char *data, ssize_t length)} and
 * {@code ssize_t ask(const char *prompt, ssize_t length, int password, char *buffer, ssize_t capacity)}.
 * Both go to the cell that is running ({@link #attach}); records that arrive while no cell runs
 * (text a leftover Python thread prints between cells) are dropped.
 *
 * <p>Threads: called on the interpreter's thread or on a thread Python started. Nothing may be
 * thrown out of an upcall (it would end the JVM), so every failure is caught and logged here.
 * The stubs live as long as the process.
 */
@SuppressWarnings("restricted") // native access is this class's job; the JVM runs with --enable-native-access
final class Upcalls {

    private static final System.Logger LOG = System.getLogger(Upcalls.class.getName());

    private final MemorySegment emit;
    private final MemorySegment ask;
    private volatile Execution current;

    Upcalls() {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            Linker linker = Linker.nativeLinker();
            emit = linker.upcallStub(
                    lookup.findVirtual(Upcalls.class, "onEmit", MethodType.methodType(void.class, int.class, MemorySegment.class, long.class)).bindTo(this),
                    FunctionDescriptor.ofVoid(JAVA_INT, ADDRESS, JAVA_LONG), Arena.global());
            ask = linker.upcallStub(
                    lookup.findVirtual(Upcalls.class, "onAsk", MethodType.methodType(long.class, MemorySegment.class, long.class, int.class, MemorySegment.class, long.class)).bindTo(this),
                    FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), Arena.global());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    long emitAddress() {
        return emit.address();
    }

    long askAddress() {
        return ask.address();
    }

    void attach(Execution execution) {
        current = execution;
    }

    void detach() {
        current = null;
    }

    private void onEmit(int kind, MemorySegment data, long length) {
        try {
            Execution execution = current;
            if (execution != null) {
                byte[] payload = data.reinterpret(length).toArray(JAVA_BYTE);
                execution.accept(OutputDecoder.decode(kind, payload));
            }
        } catch (Throwable e) {
            LOG.log(System.Logger.Level.ERROR, "an output from Python could not be read", e);
        }
    }

    private long onAsk(MemorySegment prompt, long length, int password, MemorySegment buffer, long capacity) {
        try {
            Execution execution = current;
            if (execution == null) {
                return Execution.REFUSED;
            }
            String text = length < 0 ? null : new String(prompt.reinterpret(length).toArray(JAVA_BYTE), StandardCharsets.UTF_8);
            return execution.ask(text, password != 0, buffer.reinterpret(capacity));
        } catch (Throwable e) {
            LOG.log(System.Logger.Level.ERROR, "an input() request could not be answered", e);
            return Execution.DECLINED;
        }
    }
}
