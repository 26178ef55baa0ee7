package studio.codeact.engine.embedded;

/**
 * An owned reference to a Python object ("new reference" in the C API's words): whoever holds it
 * closes it exactly once, which decrements the object's reference count. Use only on the
 * interpreter's thread while it holds the GIL (see {@link PythonThread}).
 */
record PyRef(CApi api, long address) implements AutoCloseable {

    @Override
    public void close() {
        api.decRef(address);
    }
}
