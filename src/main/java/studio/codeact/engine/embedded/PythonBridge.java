package studio.codeact.engine.embedded;

import java.util.function.Function;

/**
 * The Java side of {@code codeact_embedded.py}: one method per function Java calls there. Holds
 * the function objects for the life of the process.
 *
 * <p>Thread: only the interpreter's thread, holding the GIL (pass the {@link CApi} a
 * {@link PythonThread.Task} receives).
 */
final class PythonBridge {

    static final String MODULE = "codeact_embedded";

    /** How a cell ended: whether it succeeded, and its execution count (0 for silent cells). */
    record CellEnd(boolean succeeded, int executionCount) { }

    private final PyRef execute;
    private final PyRef complete;
    private final PyRef inspect;
    private final PyRef variables;
    private final PyRef tablePage;
    private final PyRef newShell;
    private final PyRef restart;
    private final PyRef dispose;
    private final PyRef confine;
    private final PyRef scrub;

    private PythonBridge(CApi api, PyRef module) {
        execute = api.attribute(module, "execute");
        complete = api.attribute(module, "complete");
        inspect = api.attribute(module, "inspect");
        variables = api.attribute(module, "variables");
        tablePage = api.attribute(module, "table_page");
        newShell = api.attribute(module, "new_shell");
        restart = api.attribute(module, "restart");
        dispose = api.attribute(module, "dispose");
        confine = api.attribute(module, "confine");
        scrub = api.attribute(module, "scrub");
    }

    /**
     * Installs the bridge in the interpreter: output and input upcalls, interrupt signal, exit
     * guards, inline matplotlib. Once per process.
     */
    static PythonBridge install(CApi api, PyRef module, Upcalls upcalls, Interrupter interrupter, String executable) {
        try (PyRef install = api.attribute(module, "install")) {
            api.call(install, upcalls.emitAddress(), upcalls.askAddress(), interrupter.signal(), interrupter.structAddress(),
                    executable).close();
            return new PythonBridge(api, module);
        }
    }

    CellEnd execute(CApi api, int engine, String code, boolean silent, boolean storeHistory) {
        try (PyRef end = api.call(execute, engine, code, silent, storeHistory)) {
            boolean succeeded = api.longValue(api.tupleItem(end, 0)) == 1;
            return new CellEnd(succeeded, (int) api.longValue(api.tupleItem(end, 1)));
        }
    }

    String complete(CApi api, int engine, String code, int cursor) {
        return text(api, api.call(complete, engine, code, cursor));
    }

    String inspect(CApi api, int engine, String code, int cursor, int detail) {
        return text(api, api.call(inspect, engine, code, cursor, detail));
    }

    String variables(CApi api, int engine) {
        return text(api, api.call(variables, engine));
    }

    /**
     * Reads a page of a DataFrame: {@code reader} gets the page's JSON description and runs while
     * the numpy arrays it points into are alive.
     */
    <T> T tablePage(CApi api, int engine, String name, long offset, int limit, String sort, boolean ascending,
                    Function<String, T> reader) {
        try (PyRef page = api.call(tablePage, engine, name, offset, limit, sort, ascending)) {
            long description = api.tupleItem(page, 0);
            return reader.apply(api.text(description));
        }
    }

    void newShell(CApi api, int engine, String workingDirectory) {
        api.call(newShell, engine, workingDirectory).close();
    }

    void restart(CApi api, int engine, String workingDirectory) {
        api.call(restart, engine, workingDirectory).close();
    }

    void dispose(CApi api, int engine) {
        api.call(dispose, engine).close();
    }

    /** Confines the calling thread by the sandbox policy (JSON); see {@code codeact_sandbox.py}. */
    void confine(CApi api, String policyJson) {
        api.call(confine, policyJson).close();
    }

    /** Removes environment variables (a JSON list of names) from the process, wiping their values. */
    void scrub(CApi api, String namesJson) {
        api.call(scrub, namesJson).close();
    }

    private static String text(CApi api, PyRef value) {
        try (value) {
            return api.text(value.address());
        }
    }
}
