package studio.codeact.engine.sandbox;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Asks the kernel which Landlock ABI it offers: {@code landlock_create_ruleset(NULL, 0,
 * LANDLOCK_CREATE_RULESET_VERSION)}, through libc's {@code syscall} (FFM). Nothing is restricted here.
 */
@SuppressWarnings("restricted") // one read-only system call through FFM; the JVM runs with --enable-native-access
final class Landlock {

    private static final long CREATE_RULESET = 444; // the same number on x86-64 and AArch64

    private Landlock() {
    }

    /** The ABI version, 0 when the kernel has no Landlock or this is not Linux. */
    static int abi() {
        String os = System.getProperty("os.name", "");
        String arch = System.getProperty("os.arch", "");
        if (!os.startsWith("Linux") || !(arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64"))) {
            return 0;
        }
        try {
            Linker linker = Linker.nativeLinker();
            MethodHandle syscall = linker.downcallHandle(linker.defaultLookup().find("syscall").orElseThrow(),
                    FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
                    Linker.Option.firstVariadicArg(1));
            long result = (long) syscall.invokeExact(CREATE_RULESET, 0L, 0L, 1L);
            return (int) Math.max(0, result);
        } catch (Throwable e) {
            return 0;
        }
    }
}
