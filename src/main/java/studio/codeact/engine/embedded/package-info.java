/**
 * The embedded engine: CPython loaded into the application's own process through the FFM API,
 * hosting one IPython shell per {@link studio.codeact.engine.embedded.EmbeddedEngine}. One file
 * per concern: finding and loading libpython ({@code LibPython}), the C-API handles
 * ({@code CApi}), the interpreter's own thread ({@code PythonThread}), the bridge to the
 * {@code codeact_embedded} Python module ({@code PythonBridge}), stopping cells by signal
 * ({@code Interrupter}), the memory ceiling ({@code MemoryWatch}).
 *
 * <p>Threads: one interpreter thread per process ({@code codeact-python}) runs every piece of
 * Python for every embedded engine, in order, and owns the GIL between tasks; it never calls
 * application code. Each engine has an event thread ({@code codeact-embedded-events},
 * {@code EventThread}) that calls its listeners and stdin handler and completes its futures. The
 * engine's state changes on callers' threads and on the interpreter thread, atomically
 * ({@code AnnouncedState}), and is announced on the event thread in the order it changed.
 * {@code start()}, {@code restart()} and {@code close()} block their caller.
 */
package studio.codeact.engine.embedded;
