package studio.codeact.engine.embedded;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The CPython C API functions the engine calls, each checked where it is called: a failure
 * becomes a {@link PythonException} carrying Python's own error.
 *
 * <p>Every function is linked with one of the {@link NativeShapes} ({@code long…}→{@code long}):
 * {@code PyObject *} travels as its address. Python objects are owned by {@link PyRef}s.
 *
 * <p>Thread: only the interpreter's thread ({@link PythonThread}) calls these, and only while it
 * holds the GIL, except {@link #initialize} (before there is a GIL) and {@link #restoreThread}.
 */
@SuppressWarnings("restricted") // native access is this class's job; the JVM runs with --enable-native-access
final class CApi {

    private static final Charset WCHAR = Charset.forName("UTF-32LE");

    private final MethodHandle setProgramName;
    private final MethodHandle initializeEx;
    private final MethodHandle isInitialized;
    private final MethodHandle saveThread;
    private final MethodHandle restoreThread;
    private final MethodHandle gilEnsure;
    private final MethodHandle gilRelease;
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
    private final long none;
    private final long trueObject;
    private final long falseObject;
    private MemorySegment scratch;

    CApi(LibPython library) {
        SymbolLookup lookup = library.lookup();
        setProgramName = library.has("Py_SetProgramName") ? NativeShapes.link(lookup, "Py_SetProgramName", 1) : null;
        initializeEx = NativeShapes.link(lookup, "Py_InitializeEx", 1);
        isInitialized = NativeShapes.link(lookup, "Py_IsInitialized", 0);
        saveThread = NativeShapes.link(lookup, "PyEval_SaveThread", 0);
        restoreThread = NativeShapes.link(lookup, "PyEval_RestoreThread", 1);
        gilEnsure = NativeShapes.link(lookup, "PyGILState_Ensure", 0);
        gilRelease = NativeShapes.link(lookup, "PyGILState_Release", 1);
        importModule = NativeShapes.link(lookup, "PyImport_ImportModule", 1);
        getAttrString = NativeShapes.link(lookup, "PyObject_GetAttrString", 2);
        callObject = NativeShapes.link(lookup, "PyObject_CallObject", 2);
        tupleNew = NativeShapes.link(lookup, "PyTuple_New", 1);
        tupleSetItem = NativeShapes.link(lookup, "PyTuple_SetItem", 3);
        tupleGetItem = NativeShapes.link(lookup, "PyTuple_GetItem", 2);
        listNew = NativeShapes.link(lookup, "PyList_New", 1);
        listSetItem = NativeShapes.link(lookup, "PyList_SetItem", 3);
        sysSetObject = NativeShapes.link(lookup, "PySys_SetObject", 2);
        unicodeFromStringAndSize = NativeShapes.link(lookup, "PyUnicode_FromStringAndSize", 2);
        unicodeAsUtf8AndSize = NativeShapes.link(lookup, "PyUnicode_AsUTF8AndSize", 2);
        longFromLongLong = NativeShapes.link(lookup, "PyLong_FromLongLong", 1);
        longAsLongLong = NativeShapes.link(lookup, "PyLong_AsLongLong", 1);
        incRef = NativeShapes.link(lookup, "Py_IncRef", 1);
        decRef = NativeShapes.link(lookup, "Py_DecRef", 1);
        errOccurred = NativeShapes.link(lookup, "PyErr_Occurred", 0);
        errFetch = NativeShapes.link(lookup, "PyErr_Fetch", 3);
        errNormalize = NativeShapes.link(lookup, "PyErr_NormalizeException", 3);
        objectStr = NativeShapes.link(lookup, "PyObject_Str", 1);
        none = NativeShapes.address(lookup, "_Py_NoneStruct");
        trueObject = NativeShapes.address(lookup, "_Py_TrueStruct");
        falseObject = NativeShapes.address(lookup, "_Py_FalseStruct");
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
                long ignored = (long) setProgramName.invokeExact(Arena.global().allocateFrom(executable, WCHAR).address());
            }
            long ignored = (long) initializeEx.invokeExact(0L);
            if ((int) (long) isInitialized.invokeExact() == 0) {
                throw new IllegalStateException("Py_InitializeEx returned but Python is not initialised");
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("could not start Python", e);
        }
    }

    /** Releases the GIL; returns the thread state to hand to {@link #restoreThread}. */
    long saveThread() {
        try {
            return (long) saveThread.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Takes the GIL back for the thread that released it. */
    void restoreThread(long state) {
        try {
            long ignored = (long) restoreThread.invokeExact(state);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Attaches the calling thread (not Python's) to the interpreter and takes the GIL; returns what to release. */
    long ensureGil() {
        try {
            return (int) (long) gilEnsure.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Undoes {@link #ensureGil}: gives up the GIL and, the last time, the thread's Python state. */
    void releaseGil(long state) {
        try {
            long ignored = (long) gilRelease.invokeExact(state);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    // -- objects -----------------------------------------------------------------------------

    PyRef importModule(String name) {
        try (Arena arena = Arena.ofConfined()) {
            return owned((long) importModule.invokeExact(arena.allocateFrom(name).address()), "import " + name);
        } catch (PythonException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    PyRef attribute(PyRef object, String name) {
        try (Arena arena = Arena.ofConfined()) {
            return owned((long) getAttrString.invokeExact(object.address(), arena.allocateFrom(name).address()), name);
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
        try (PyRef tuple = owned((long) tupleNew.invokeExact((long) args.length), "tuple")) {
            for (int i = 0; i < args.length; i++) {
                long item = toPython(args[i]);
                if ((int) (long) tupleSetItem.invokeExact(tuple.address(), (long) i, item) != 0) {
                    throw fetchError("tuple item");
                }
            }
            return owned((long) callObject.invokeExact(callable.address(), tuple.address()), "call");
        } catch (PythonException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new reference for a Java value (see {@link #call}). */
    private long toPython(Object value) throws Throwable {
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

    private long newReference(long object) throws Throwable {
        long ignored = (long) incRef.invokeExact(object);
        return object;
    }

    PyRef string(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        MemorySegment bytes = scratch(utf8.length);
        MemorySegment.copy(utf8, 0, bytes, JAVA_BYTE, 0, utf8.length);
        try {
            return owned((long) unicodeFromStringAndSize.invokeExact(bytes.address(), (long) utf8.length), "str");
        } catch (PythonException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Native memory for passing text to Python (which copies it), reused: only one thread calls. */
    private MemorySegment scratch(long bytes) {
        if (scratch == null || scratch.byteSize() < bytes) {
            scratch = Arena.ofAuto().allocate(Math.max(4096, Math.max(bytes, scratch == null ? 0 : scratch.byteSize() * 2)));
        }
        return scratch;
    }

    PyRef integer(long value) {
        try {
            return owned((long) longFromLongLong.invokeExact(value), "int");
        } catch (PythonException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new Python list of strings. */
    PyRef stringList(List<String> items) {
        try {
            PyRef list = owned((long) listNew.invokeExact((long) items.size()), "list");
            for (int i = 0; i < items.size(); i++) {
                if ((int) (long) listSetItem.invokeExact(list.address(), (long) i, string(items.get(i)).address()) != 0) {
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
            if ((int) (long) sysSetObject.invokeExact(arena.allocateFrom(name).address(), value.address()) != 0) {
                throw fetchError("sys." + name);
            }
        } catch (PythonException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text of a {@code str} object at {@code unicode} (borrowed or owned). */
    String text(long unicode) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment size = arena.allocate(JAVA_LONG);
            long utf8 = (long) unicodeAsUtf8AndSize.invokeExact(unicode, size.address());
            if (utf8 == 0) {
                throw fetchError("str");
            }
            long length = size.get(JAVA_LONG, 0);
            return new String(MemorySegment.ofAddress(utf8).reinterpret(length).toArray(JAVA_BYTE), StandardCharsets.UTF_8);
        } catch (PythonException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** The value of the {@code int} object at {@code number}. */
    long longValue(long number) {
        try {
            long value = (long) longAsLongLong.invokeExact(number);
            if (value == -1 && (long) errOccurred.invokeExact() != 0) {
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
    long tupleItem(PyRef tuple, int index) {
        try {
            long item = (long) tupleGetItem.invokeExact(tuple.address(), (long) index);
            if (item == 0) {
                throw fetchError("tuple item " + index);
            }
            return item;
        } catch (PythonException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    void decRef(long object) {
        try {
            long ignored = (long) decRef.invokeExact(object);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    // -- errors ------------------------------------------------------------------------------

    private PyRef owned(long address, String what) {
        if (address == 0) {
            throw fetchError(what);
        }
        return new PyRef(this, address);
    }

    /** Takes Python's current exception (clearing it) as a {@link PythonException}. */
    PythonException fetchError(String what) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment slots = arena.allocate(JAVA_LONG, 3);
            fetchInto(slots);
            long type = slots.getAtIndex(JAVA_LONG, 0);
            if (type == 0) {
                return new PythonException("SystemError", what + " failed without a Python error");
            }
            long ignored = (long) errNormalize.invokeExact(slots.address(), slots.address() + 8, slots.address() + 16);
            try {
                return new PythonException(describe(slots.getAtIndex(JAVA_LONG, 0)), describeValue(slots.getAtIndex(JAVA_LONG, 1)));
            } finally {
                release(slots);
            }
        } catch (Throwable e) {
            return new PythonException("SystemError", what + " failed and its error could not be read: " + e);
        }
    }

    private void fetchInto(MemorySegment slots) throws Throwable {
        long ignored = (long) errFetch.invokeExact(slots.address(), slots.address() + 8, slots.address() + 16);
    }

    private void release(MemorySegment slots) {
        for (int i = 0; i < 3; i++) {
            long object = slots.getAtIndex(JAVA_LONG, i);
            if (object != 0) {
                decRef(object);
            }
        }
    }

    /** {@code type.__name__}. */
    private String describe(long type) throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            long name = (long) getAttrString.invokeExact(type, arena.allocateFrom("__name__").address());
            if (name == 0) {
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

    /** {@code str(value)}. */
    private String describeValue(long value) throws Throwable {
        if (value == 0) {
            return "";
        }
        long text = (long) objectStr.invokeExact(value);
        if (text == 0) {
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
            MemorySegment slots = arena.allocate(JAVA_LONG, 3);
            fetchInto(slots);
            release(slots);
        }
    }
}
