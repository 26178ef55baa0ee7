package studio.codeact.cli;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Ctrl+C handled by the chat instead of ending the process: while installed, SIGINT calls
 * {@code onPress}; {@link #close()} puts back what was there (the JVM's exit). It uses
 * {@code sun.misc.Signal} from the {@code jdk.unsupported} module — the JDK's only way to catch a
 * signal — reached reflectively so the build stays free of internal-API warnings. Where it is
 * missing, Ctrl+C ends the process as usual (the shutdown path still saves the session).
 *
 * <p>Thread: {@code onPress} runs on the JVM's signal thread.
 */
final class InterruptKey implements AutoCloseable {

    private final Method handle;
    private final Object signal;
    private final Object previous;

    private InterruptKey(Method handle, Object signal, Object previous) {
        this.handle = handle;
        this.signal = signal;
        this.previous = previous;
    }

    /** Installs the handler; {@code null} when this JVM cannot catch signals. */
    static InterruptKey install(Runnable onPress) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object signal = signalClass.getConstructor(String.class).newInstance("INT");
            InvocationHandler calls = (proxy, method, args) -> switch (method.getName()) {
                case "handle" -> {
                    onPress.run();
                    yield null;
                }
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                case "toString" -> "codeact chat Ctrl+C handler";
                default -> null;
            };
            Object handler = Proxy.newProxyInstance(InterruptKey.class.getClassLoader(), new Class<?>[] {handlerClass}, calls);
            Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            Object previous = handle.invoke(null, signal, handler);
            return new InterruptKey(handle, signal, previous);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    @Override
    public void close() {
        try {
            handle.invoke(null, signal, previous);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // The process is ending anyway.
        }
    }
}
