package studio.codeact.engine.embedded;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Links C functions with four shapes only: {@code long f(long…)} with zero to three arguments.
 *
 * <p>Why: the JVM generates code for every distinct function shape it links, about 5–10 ms each
 * on a cold start, and the embedded engine's start is measured against the kernel engine's.
 * Every argument and result the engine passes (pointers, {@code Py_ssize_t}, {@code int},
 * {@code pthread_t}) is an integer passed in a 64-bit integer register on the platforms the
 * engine supports (x86-64 System V and AArch64, Linux): a callee reads an {@code int} argument
 * from the register's low half, and an {@code int} or {@code void} result is narrowed or
 * ignored by the caller. {@link #link} refuses any other platform.
 */
@SuppressWarnings("restricted") // native access is this class's job; the JVM runs with --enable-native-access
final class NativeShapes {

    private static final Linker LINKER = Linker.nativeLinker();
    private static final FunctionDescriptor[] SHAPES = {
            FunctionDescriptor.of(JAVA_LONG),
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG),
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG),
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
    };

    private NativeShapes() {
    }

    /** A handle of type {@code (long × arity) → long} for {@code name}. */
    static MethodHandle link(SymbolLookup lookup, String name, int arity) {
        requireSupportedPlatform();
        return LINKER.downcallHandle(lookup.find(name).orElseThrow(() -> new IllegalStateException("no native function " + name)),
                SHAPES[arity]);
    }

    /** The address of a native symbol (a function or a global variable). */
    static long address(SymbolLookup lookup, String name) {
        return lookup.find(name).map(MemorySegment::address).orElseThrow(() -> new IllegalStateException("no native symbol " + name));
    }

    private static void requireSupportedPlatform() {
        String os = System.getProperty("os.name", "");
        String arch = System.getProperty("os.arch", "");
        if (!os.startsWith("Linux") || !(arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64"))) {
            throw new UnsupportedOperationException("the embedded engine runs on Linux x86-64 and AArch64; on " + os + " " + arch
                    + " use --engine kernel");
        }
    }
}
