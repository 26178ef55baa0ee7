package studio.codeact.engine.embedded;

import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * The few C library functions the embedded engine needs besides Python's own: loading a shared
 * library into the global symbol scope, and signalling one thread. Linux (glibc) only. Linked
 * with {@link NativeShapes}.
 */
@SuppressWarnings("restricted") // native access is this class's job; the JVM runs with --enable-native-access
final class Libc {

    static final long RTLD_NOW = 0x2;
    static final long RTLD_GLOBAL = 0x100;

    private static final SymbolLookup C = Linker.nativeLinker().defaultLookup();

    private static final MethodHandle DLOPEN = NativeShapes.link(C, "dlopen", 2);
    private static final MethodHandle DLSYM = NativeShapes.link(C, "dlsym", 2);
    private static final MethodHandle DLERROR = NativeShapes.link(C, "dlerror", 0);
    private static final MethodHandle PTHREAD_SELF = NativeShapes.link(C, "pthread_self", 0);
    private static final MethodHandle PTHREAD_KILL = NativeShapes.link(C, "pthread_kill", 2);
    private static final MethodHandle MALLOC_TRIM = NativeShapes.link(C, "malloc_trim", 1);
    private static final MethodHandle SIGRTMIN = NativeShapes.link(C, "__libc_current_sigrtmin", 0);
    private static final MethodHandle GETPAGESIZE = NativeShapes.link(C, "getpagesize", 0);

    private Libc() {
    }

    /** {@code dlopen(path, RTLD_NOW | RTLD_GLOBAL)}: a handle, or empty with {@link #lastError()} saying why. */
    static Optional<Long> openGlobal(String path) {
        try (Arena arena = Arena.ofConfined()) {
            long handle = (long) DLOPEN.invokeExact(arena.allocateFrom(path).address(), RTLD_NOW | RTLD_GLOBAL);
            return handle == 0 ? Optional.empty() : Optional.of(handle);
        } catch (Throwable e) {
            throw new IllegalStateException("dlopen failed", e);
        }
    }

    /** The address of {@code name} in a library opened by {@link #openGlobal}, if it has one. */
    static Optional<MemorySegment> symbol(long library, String name) {
        try (Arena arena = Arena.ofConfined()) {
            long address = (long) DLSYM.invokeExact(library, arena.allocateFrom(name).address());
            return address == 0 ? Optional.empty() : Optional.of(MemorySegment.ofAddress(address));
        } catch (Throwable e) {
            throw new IllegalStateException("dlsym failed", e);
        }
    }

    /** The dynamic linker's last error message, or an empty string. */
    static String lastError() {
        try {
            long message = (long) DLERROR.invokeExact();
            return message == 0 ? "" : MemorySegment.ofAddress(message).reinterpret(4096).getString(0);
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
            return (int) (long) PTHREAD_KILL.invokeExact(thread, (long) signal);
        } catch (Throwable e) {
            throw new IllegalStateException("pthread_kill failed", e);
        }
    }

    /** Hands freed heap memory back to the operating system. */
    static void mallocTrim() {
        try {
            long ignored = (long) MALLOC_TRIM.invokeExact(0L);
        } catch (Throwable e) {
            throw new IllegalStateException("malloc_trim failed", e);
        }
    }

    /** The first real-time signal number applications may use. */
    static int sigrtmin() {
        try {
            return (int) (long) SIGRTMIN.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException("__libc_current_sigrtmin failed", e);
        }
    }

    /** Bytes per memory page. */
    static int pageSize() {
        try {
            return (int) (long) GETPAGESIZE.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException("getpagesize failed", e);
        }
    }
}
