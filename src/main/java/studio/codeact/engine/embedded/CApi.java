package studio.codeact.engine.embedded;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The handful of CPython C API functions the engine calls, each checked where it is called: a
 * failure becomes a {@link PythonException} carrying Python's own error.
 *
 * <p>Thread: only the interpreter's thread ({@link PythonThread}) calls these, and only while it
 * holds the GIL, except {@link #initialize} (before there is a GIL) and {@link #restoreThread}.
 */
final class CApi {

    private static final Linker LINKER = Linker.nativeLinker();
    private static final Charset WCHAR = Charset.forName("UTF-32LE");

    private final MethodHandle setProgramName;
    private final MethodHandle initializeEx;
    private final MethodHandle isInitialized;
    private final MethodHandle saveThread;
    private final MethodHandle restoreThread;
    private final MethodHandle importModule;
    private final MethodHandle getAttrString;
    private final MethodHandle callObject;
    private final MethodHandle tupleNew;
    private final MethodHandle tupleSetItem;
    private final MethodHandle tupleGetItem;
    private final MethodHandle listNew;
    private final MethodHandle listSetItem;
    private final MethodHandle sysSetObject;
    private final MethodHandle unicodeFromStringAndSize;
    private final MethodHandle unicodeAsUtf8AndSize;
    private final MethodHandle longFromLongLong;
    private final MethodHandle longAsLongLong;
    private final MethodHandle incRef;
    private final MethodHandle decRef;
    private final MethodHandle errOccurred;
    private final MethodHandle errFetch;
    private final MethodHandle errNormalize;
    private final MethodHandle objectStr;
    private final MemorySegment none;
    private final MemorySegment trueObject;
    private final MemorySegment falseObject;

    CApi(LibPython library) {
        SymbolLookup lookup = library.lookup();
        setProgramName = library.has("Py_SetProgramName") ? downcall(lookup, "Py_SetProgramName", FunctionDescriptor.ofVoid(ADDRESS)) : null;
        initializeEx = downcall(lookup, "Py_InitializeEx", FunctionDescriptor.ofVoid(JAVA_INT));
        isInitialized = downcall(lookup, "Py_IsInitialized", FunctionDescriptor.of(JAVA_INT));
        saveThread = downcall(lookup, "PyEval_SaveThread", FunctionDescriptor.of(ADDRESS));
        restoreThread = downcall(lookup, "PyEval_RestoreThread", FunctionDescriptor.ofVoid(ADDRESS));
        importModule = downcall(lookup, "PyImport_ImportModule", FunctionDescriptor.of(ADDRESS, ADDRESS));
        getAttrString = downcall(lookup, "PyObject_GetAttrString", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
        callObject = downcall(lookup, "PyObject_CallObject", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
        tupleNew = downcall(lookup, "PyTuple_New", FunctionDescriptor.of(ADDRESS, JAVA_LONG));
        tupleSetItem = downcall(lookup, "PyTuple_SetItem", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS));
        tupleGetItem = downcall(lookup, "PyTuple_GetItem", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG));
        listNew = downcall(lookup, "PyList_New", FunctionDescriptor.of(ADDRESS, JAVA_LONG));
        listSetItem = downcall(lookup, "PyList_SetItem", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS));
        sysSetObject = downcall(lookup, "PySys_SetObject", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        unicodeFromStringAndSize = downcall(lookup, "PyUnicode_FromStringAndSize", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG));
        unicodeAsUtf8AndSize = downcall(lookup, "PyUnicode_AsUTF8AndSize", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
        longFromLongLong = downcall(lookup, "PyLong_FromLongLong", FunctionDescriptor.of(ADDRESS, JAVA_LONG));
        longAsLongLong = downcall(lookup, "PyLong_AsLongLong", FunctionDescriptor.of(JAVA_LONG, ADDRESS));
        incRef = downcall(lookup, "Py_IncRef", FunctionDescriptor.ofVoid(ADDRESS));
        decRef = downcall(lookup, "Py_DecRef", FunctionDescriptor.ofVoid(ADDRESS));
        errOccurred = downcall(lookup, "PyErr_Occurred", FunctionDescriptor.of(ADDRESS));
        errFetch = downcall(lookup, "PyErr_Fetch", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS));
        errNormalize = downcall(lookup, "PyErr_NormalizeException", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS));
        objectStr = downcall(lookup, "PyObject_Str", FunctionDescriptor.of(ADDRESS, ADDRESS));
        none = data(lookup, "_Py_NoneStruct");
        trueObject = data(lookup, "_Py_TrueStruct");
        falseObject = data(lookup, "_Py_FalseStruct");
    }

    private static MethodHandle downcall(SymbolLookup lookup, String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(data(lookup, name), descriptor);
    }

    private static MemorySegment data(SymbolLookup lookup, String name) {
        return lookup.find(name).orElseThrow(() -> new IllegalStateException("libpython has no " + name));
    }

    // -- life --------------------------------------------------------------------------------

    /**
     * {@code Py_SetProgramName(executable)} then {@code Py_InitializeEx(0)}: Python computes its
     * prefix and {@code sys.path} from the interpreter's path as that interpreter would, and
     * installs no signal handlers (the JVM keeps its own). The calling thread becomes Python's
     * main thread and holds the GIL afterwards.
     */
    void initialize(String executable) {
        try {
            if (setProgramName != null) {
                // Python keeps the pointer: the text lives as long as the process.
                setProgramName.invokeExact(Arena.global().allocateFrom(executable, WCHAR));
            }
            initializeEx.invokeExact(0);
            if ((int) isInitialized.invokeExact() == 0) {
                throw new IllegalStateException("Py_InitializeEx returned but Python is not initialised");
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("could not start Python", e);
        }
    }

    /** Releases the GIL; returns the thread state to hand to {@link #restoreThread}. */
    MemorySegment saveThread() {
        try {
            return (MemorySegment) saveThread.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Takes the GIL back for the thread that released it. */
    void restoreThread(MemorySegment state) {
        try {
            restoreThread.invokeExact(state);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    // -- objects -----------------------------------------------------------------------------

    PyRef importModule(String name) {
        try (Arena arena = Arena.ofConfined()) {
            return owned((MemorySegment) importModule.invokeExact(arena.allocateFrom(name)), "import " + name);
        } catch (PythonException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    PyRef attribute(PyRef object, String name) {
        try (Arena arena = Arena.ofConfined()) {
            return owned((MemorySegment) getAttrString.invokeExact(object.address(), arena.allocateFrom(name)), name);
        } catch (PythonException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Calls {@code callable(*args)}. Arguments may be {@link String}, {@link Long}, {@link Integer},
     * {@link Boolean}, {@code null} (None) or a {@link PyRef} (borrowed: the caller still owns it).
     */
    PyRef call(PyRef callable, Object... args) {
        try (PyRef tuple = owned((MemorySegment) tupleNew.invokeExact((long) args.length), "tuple")) {
            for (int i = 0; i < args.length; i++) {
                MemorySegment item = toPython(args[i]);
                if ((int) tupleSetItem.invokeExact(tuple.address(), (long) i, item) != 0) {
                    throw fetchError("tuple item");
                }
            }
            return owned((MemorySegment) callObject.invokeExact(callable.address(), tuple.address()), "call");
        } catch (PythonException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new reference for a Java value (see {@link #call}). */
    private MemorySegment toPython(Object value) throws Throwable {
        return switch (value) {
            case null -> newReference(none);
            case String text -> string(text).address();
            case Long number -> integer(number).address();
            case Integer number -> integer(number).address();
            case Boolean flag -> newReference(flag ? trueObject : falseObject);
            case PyRef ref -> newReference(ref.address());
            default -> throw new IllegalArgumentException("cannot pass a " + value.getClass().getSimpleName() + " to Python");
        };
    }

    private MemorySegment newReference(MemorySegment object) throws Throwable {
        incRef.invokeExact(object);
        return object;
    }

    PyRef string(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment bytes = arena.allocate(Math.max(1, utf8.length));
            MemorySegment.copy(utf8, 0, bytes, JAVA_BYTE, 0, utf8.length);
            return owned((MemorySegment) unicodeFromStringAndSize.invokeExact(bytes, (long) utf8.length), "str");
        } catch (PythonException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    PyRef integer(long value) {
        try {
            return owned((MemorySegment) longFromLongLong.invokeExact(value), "int");
        } catch (PythonException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new Python list of strings. */
    PyRef stringList(List<String> items) {
        try {
            PyRef list = owned((MemorySegment) listNew.invokeExact((long) items.size()), "list");
            for (int i = 0; i < items.size(); i++) {
                if ((int) listSetItem.invokeExact(list.address(), (long) i, string(items.get(i)).address()) != 0) {
                    list.close();
                    throw fetchError("list item");
                }
            }
            return list;
        } catch (PythonException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code sys.<name> = value}. */
    void setSys(String name, PyRef value) {
        try (Arena arena = Arena.ofConfined()) {
            if ((int) sysSetObject.invokeExact(arena.allocateFrom(name), value.address()) != 0) {
                throw fetchError("sys." + name);
            }
        } catch (PythonException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text of a {@code str} object (borrowed or owned). */
    String text(MemorySegment unicode) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment size = arena.allocate(JAVA_LONG);
            MemorySegment utf8 = (MemorySegment) unicodeAsUtf8AndSize.invokeExact(unicode, size);
            if (utf8.equals(MemorySegment.NULL)) {
                throw fetchError("str");
            }
            long length = size.get(JAVA_LONG, 0);
            return new String(utf8.reinterpret(length).toArray(JAVA_BYTE), StandardCharsets.UTF_8);
        } catch (PythonException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** The value of an {@code int} object. */
    long longValue(MemorySegment number) {
        try {
            long value = (long) longAsLongLong.invokeExact(number);
            if (value == -1 && !((MemorySegment) errOccurred.invokeExact()).equals(MemorySegment.NULL)) {
                throw fetchError("int");
            }
            return value;
        } catch (PythonException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Item {@code index} of a tuple, borrowed: valid while the tuple is. */
    MemorySegment tupleItem(PyRef tuple, int index) {
        try {
            MemorySegment item = (MemorySegment) tupleGetItem.invokeExact(tuple.address(), (long) index);
            if (item.equals(MemorySegment.NULL)) {
                throw fetchError("tuple item " + index);
            }
            return item;
        } catch (PythonException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    void decRef(MemorySegment object) {
        try {
            decRef.invokeExact(object);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    // -- errors ------------------------------------------------------------------------------

    private PyRef owned(MemorySegment address, String what) {
        if (address.equals(MemorySegment.NULL)) {
            throw fetchError(what);
        }
        return new PyRef(this, address);
    }

    /** Takes Python's current exception (clearing it) as a {@link PythonException}. */
    PythonException fetchError(String what) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment type = arena.allocate(ADDRESS);
            MemorySegment value = arena.allocate(ADDRESS);
            MemorySegment traceback = arena.allocate(ADDRESS);
            errFetch.invokeExact(type, value, traceback);
            if (type.get(ADDRESS, 0).equals(MemorySegment.NULL)) {
                return new PythonException("SystemError", what + " failed without a Python error");
            }
            errNormalize.invokeExact(type, value, traceback);
            try {
                return new PythonException(describe(type.get(ADDRESS, 0), "__name__"), describeValue(value.get(ADDRESS, 0)));
            } finally {
                for (MemorySegment slot : List.of(type, value, traceback)) {
                    MemorySegment object = slot.get(ADDRESS, 0);
                    if (!object.equals(MemorySegment.NULL)) {
                        decRef(object);
                    }
                }
            }
        } catch (Throwable e) {
            return new PythonException("SystemError", what + " failed and its error could not be read: " + e);
        }
    }

    private String describe(MemorySegment object, String attribute) throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment name = (MemorySegment) getAttrString.invokeExact(object, arena.allocateFrom(attribute));
            if (name.equals(MemorySegment.NULL)) {
                clearError();
                return "Exception";
            }
            try {
                return text(name);
            } finally {
                decRef(name);
            }
        }
    }

    private String describeValue(MemorySegment value) throws Throwable {
        if (value.equals(MemorySegment.NULL)) {
            return "";
        }
        MemorySegment text = (MemorySegment) objectStr.invokeExact(value);
        if (text.equals(MemorySegment.NULL)) {
            clearError();
            return "";
        }
        try {
            return text(text);
        } finally {
            decRef(text);
        }
    }

    private void clearError() throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment slots = arena.allocate(ADDRESS, 3);
            errFetch.invokeExact(slots, slots.asSlice(ADDRESS.byteSize()), slots.asSlice(2 * ADDRESS.byteSize()));
            for (int i = 0; i < 3; i++) {
                MemorySegment object = slots.getAtIndex(ADDRESS, i);
                if (!object.equals(MemorySegment.NULL)) {
                    decRef(object);
                }
            }
        }
    }
}
