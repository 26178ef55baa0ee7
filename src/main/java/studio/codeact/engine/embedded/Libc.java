package studio.codeact.engine.embedded;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The few C library functions the embedded engine needs besides Python's own: loading a shared
 * library into the global symbol scope, and signalling one thread. Linux (glibc) only.
 */
final class Libc {

    static final int RTLD_NOW = 0x2;
    static final int RTLD_GLOBAL = 0x100;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup C = LINKER.defaultLookup();

    private static final MethodHandle DLOPEN = handle("dlopen", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT));
    private static final MethodHandle DLSYM = handle("dlsym", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
    private static final MethodHandle DLERROR = handle("dlerror", FunctionDescriptor.of(ADDRESS));
    private static final MethodHandle PTHREAD_SELF = handle("pthread_self", FunctionDescriptor.of(JAVA_LONG));
    private static final MethodHandle PTHREAD_KILL = handle("pthread_kill", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT));
    private static final MethodHandle MALLOC_TRIM = handle("malloc_trim", FunctionDescriptor.of(JAVA_INT, JAVA_LONG));
    private static final MethodHandle SIGRTMIN = handle("__libc_current_sigrtmin", FunctionDescriptor.of(JAVA_INT));
    private static final MethodHandle GETPAGESIZE = handle("getpagesize", FunctionDescriptor.of(JAVA_INT));

    private Libc() {
    }

    private static MethodHandle handle(String name, FunctionDescriptor descriptor) {
        MemorySegment symbol = C.find(name).orElseThrow(() -> new UnsupportedOperationException(
                "the C library has no " + name + "; the embedded engine needs Linux with glibc"));
        return LINKER.downcallHandle(symbol, descriptor);
    }

    /** {@code dlopen(path, RTLD_NOW | RTLD_GLOBAL)}: a handle, or empty with {@link #lastError()} saying why. */
    static Optional<MemorySegment> openGlobal(String path) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment handle = (MemorySegment) DLOPEN.invokeExact(arena.allocateFrom(path), RTLD_NOW | RTLD_GLOBAL);
            return handle.equals(MemorySegment.NULL) ? Optional.empty() : Optional.of(handle);
        } catch (Throwable e) {
            throw new IllegalStateException("dlopen failed", e);
        }
    }

    /** The address of {@code name} in a library opened by {@link #openGlobal}, if it has one. */
    static Optional<MemorySegment> symbol(MemorySegment library, String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment address = (MemorySegment) DLSYM.invokeExact(library, arena.allocateFrom(name));
            return address.equals(MemorySegment.NULL) ? Optional.empty() : Optional.of(address);
        } catch (Throwable e) {
            throw new IllegalStateException("dlsym failed", e);
        }
    }

    /** The dynamic linker's last error message, or an empty string. */
    static String lastError() {
        try {
            MemorySegment message = (MemorySegment) DLERROR.invokeExact();
            return message.equals(MemorySegment.NULL) ? "" : message.reinterpret(4096).getString(0);
        } catch (Throwable e) {
            throw new IllegalStateException("dlerror failed", e);
        }
    }

    /** The calling thread's {@code pthread_t}. */
    static long pthreadSelf() {
        try {
            return (long) PTHREAD_SELF.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException("pthread_self failed", e);
        }
    }

    /** Sends {@code signal} to one thread of this process; 0 on success, else an errno value. */
    static int pthreadKill(long thread, int signal) {
        try {
            return (int) PTHREAD_KILL.invokeExact(thread, signal);
        } catch (Throwable e) {
            throw new IllegalStateException("pthread_kill failed", e);
        }
    }

    /** Hands freed heap memory back to the operating system. */
    static void mallocTrim() {
        try {
            int ignored = (int) MALLOC_TRIM.invokeExact(0L);
        } catch (Throwable e) {
            throw new IllegalStateException("malloc_trim failed", e);
        }
    }

    /** The first real-time signal number applications may use. */
    static int sigrtmin() {
        try {
            return (int) SIGRTMIN.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException("__libc_current_sigrtmin failed", e);
        }
    }

    /** Bytes per memory page. */
    static int pageSize() {
        try {
            return (int) GETPAGESIZE.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException("getpagesize failed", e);
        }
    }
}
