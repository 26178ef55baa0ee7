"""Helpers that CodeAct Studio loads into every Python engine (embedded or kernel).

Kept out of the user's namespace: engines import it as ``codeact_support`` from a folder
they put on ``sys.path``. Everything here is read-only with respect to user variables.
"""
import json
import math
import sys

# Names IPython and the engines put into the namespace that are not the user's.
_HIDDEN = {"In", "Out", "exit", "quit", "get_ipython", "open"}


class JsonText:
    """A value whose repr is raw JSON, so ``user_expressions`` hand it over without quoting."""

    def __init__(self, value):
        self.text = json.dumps(value, allow_nan=False, default=str)

    def __repr__(self):
        return self.text


def setup(shell=None):
    """Make the interpreter produce the outputs both engines promise.

    pandas sends its table schema beside HTML; matplotlib draws inline PNGs (never a GUI window).
    """
    try:
        import pandas as pd
        pd.set_option("display.html.table_schema", True)
        pd.set_option("display.max_columns", 50)
    except ImportError:
        pass
    _bound_kernel_streams()
    if shell is None:
        shell = _shell()
    if shell is not None:
        try:
            shell.run_line_magic("matplotlib", "inline")
        except Exception:  # matplotlib missing: plots fail later with a clear ImportError
            pass
    if shell is not None:
        install_dask_display(shell)
    import os
    limit = os.environ.get("CODEACT_MEMORY_LIMIT", "")
    if limit.isdigit() and int(limit) > 0 and shell is not None:
        MemoryGuard.start(shell, int(limit))


PROGRESS_MIME = "application/vnd.codeact.progress+json"


def install_dask_display(shell):
    """Dask in a shell: a progress display for long local computations (registered once Dask is
    imported, checked before each cell), and lazy DataFrames shown as their first rows with
    "lazy: N partitions, ~R rows" instead of their task-graph summary. Nothing here imports Dask."""
    if getattr(shell, "_codeact_dask", False):
        return
    shell._codeact_dask = True
    shell.events.register("pre_run_cell", lambda *args: DaskProgress.register_if_imported())
    for mime, printer in (("text/plain", _lazy_text), ("text/html", _lazy_html)):
        try:
            shell.display_formatter.formatters[mime].for_type_by_name("dask.dataframe.core", "DataFrame", printer)
        except (KeyError, AttributeError):
            pass


def _lazy_head(frame, rows=5):
    """The first rows (reading the first partition only) and the caption naming what is not computed."""
    first = frame.get_partition(0).compute()
    estimate = len(first) * frame.npartitions
    caption = "lazy: %d partitions, ~%s rows (not computed; .compute() after aggregating)" % (
        frame.npartitions, format(estimate, ","))
    return first.head(rows), caption


def _lazy_text(frame, printer, cycle):
    try:
        head, caption = _lazy_head(frame)
        printer.text(head.to_string(max_cols=20) + "\n" + caption)
    except Exception as error:  # a frame whose first partition cannot be read: its structure, and why
        printer.text("Dask DataFrame with %d partitions (its first rows could not be read: %s)"
                     % (getattr(frame, "npartitions", 0), error))


def _lazy_html(frame):
    try:
        head, caption = _lazy_head(frame)
        return head.to_html(max_cols=20) + "<p>" + caption + "</p>"
    except Exception:
        return None


class DaskProgress:
    """A Dask local-scheduler callback that reports a long computation's progress as a display
    of type ``application/vnd.codeact.progress+json`` (tasks done and total, seconds): shown under
    the running cell and on the CLI's stderr, never stored with the cell nor sent to the model.
    Silent for the first second; then at most twice a second, and once at the end."""

    QUIET = 1.0
    EVERY = 0.5
    _registered = None

    @classmethod
    def register_if_imported(cls):
        if cls._registered is not None or "dask" not in sys.modules:
            return
        try:
            from dask.callbacks import Callback
        except ImportError:
            return
        progress = cls()
        cls._registered = Callback(start_state=progress._start, posttask=progress._posttask, finish=progress._finish)
        cls._registered.register()

    def __init__(self):
        self.began = 0.0
        self.last = 0.0
        self.shown = False

    def _start(self, dsk, state):
        import time
        self.began = self.last = time.monotonic()
        self.shown = False

    def _posttask(self, key, result, dsk, state, worker_id):
        import time
        now = time.monotonic()
        if now - self.began >= self.QUIET and now - self.last >= self.EVERY:
            self.last = now
            self._publish(state, now, False)

    def _finish(self, dsk, state, errored):
        import time
        if self.shown:
            self._publish(state, time.monotonic(), True)

    def _publish(self, state, now, finished):
        done = len(state.get("finished", ()))
        total = done + sum(len(state.get(k, ())) for k in ("ready", "waiting", "running"))
        elapsed = now - self.began
        try:
            from IPython.display import publish_display_data
            publish_display_data({PROGRESS_MIME: {"done": done, "total": total, "elapsed": round(elapsed, 1), "finished": finished},
                                  "text/plain": "dask: %d/%d tasks, %.1f s%s" % (done, total, elapsed, " (done)" if finished else "")})
            self.shown = True
        except Exception:  # no shell to show it in
            pass


def free_after_memory_error(result=None):
    """After a cell that ended in ``MemoryError`` (an IPython ``post_run_cell`` handler): free what
    its traceback's frames still hold (a half-built result), and give the freed memory back to the
    system, so the next cell starts from the footprint and not from the failed one's peak."""
    error = getattr(result, "error_in_exec", None)
    if not isinstance(error, MemoryError):
        return
    import gc
    import traceback
    if error.__traceback__ is not None:
        traceback.clear_frames(error.__traceback__)
    gc.collect()
    try:
        import ctypes
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass


def _resident():
    try:
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return 0


try:
    import os as _os
    _PAGE = _os.sysconf("SC_PAGE_SIZE")
except (ImportError, ValueError, OSError, AttributeError):
    _PAGE = 4096


class MemoryGuard:
    """A kernel's memory ceiling: the growth of its resident memory above its idle footprint.

    The footprint is measured once the analysis libraries (numpy, pandas, Dask's DataFrame) are
    imported. While a cell runs, a daemon thread samples ``/proc/self/statm`` every 20 ms; past the
    ceiling it sends the main thread a real-time signal whose handler raises ``MemoryError`` in
    the cell (a blocking wait, such as Dask's, wakes up for it). A cell that starts above the
    ceiling may grow by 64 MB more. A single C call that allocates is only stopped when it returns.
    """

    SAMPLE = 0.02
    SLACK = 64 << 20
    _started = None

    @classmethod
    def start(cls, shell, limit):
        if cls._started is not None:
            cls._started.limit = limit
            return cls._started
        cls._started = guard = cls(limit)
        guard.install(shell)
        return guard

    def __init__(self, limit):
        self.limit = limit
        self.baseline = 0
        self.running = False
        self.ceiling = 0
        self.grown = 0

    def install(self, shell):
        import importlib.util
        import signal
        import threading
        for module in ("numpy", "pandas", "dask.dataframe"):
            try:
                if importlib.util.find_spec(module.split(".")[0]) is not None:
                    __import__(module)
            except Exception:  # a broken optional library is the user's concern, not the guard's
                pass
        self.baseline = _resident()
        self.signal = signal.SIGRTMIN + 5
        self.main = threading.main_thread().ident
        signal.signal(self.signal, self._handler)
        shell.events.register("pre_run_cell", self._begin)
        shell.events.register("post_run_cell", self._end)
        shell.events.register("post_run_cell", free_after_memory_error)
        threading.Thread(target=self._watch, name="codeact-memory-guard", daemon=True).start()

    def _begin(self, *args):
        self.ceiling = max(self.baseline + self.limit, _resident() + self.SLACK)
        self.running = True

    def _end(self, *args):
        self.running = False

    def _handler(self, signum, frame):
        if self.running:
            raise MemoryError("the cell grew the session's memory by %s, past the memory ceiling of %s (above the idle "
                              "footprint); it was stopped and the session continues" % (_size(self.grown), _size(self.limit)))

    def _watch(self):
        import signal
        import time
        while True:
            time.sleep(self.SAMPLE)
            if not self.running:
                continue
            resident = _resident()
            if resident > self.ceiling:
                self.grown = resident - self.baseline
                self.ceiling = resident + self.SLACK
                try:
                    signal.pthread_kill(self.main, self.signal)
                except (OSError, ValueError):
                    pass


def _size(size):
    return "%.1f GB" % (size / 1e9) if size >= 1e9 else "%d MB" % round(size / 1e6)


def _bound_kernel_streams(pending_limit=1 << 16):
    """Keep memory bounded on both sides however much a cell prints.

    ipykernel's ``OutStream`` keeps everything written until its IO thread sends it, and a loop
    that prints faster than that thread runs grows the buffer without limit (gigabytes); what it
    sends is one message per flush, as large as what was pending (hundreds of megabytes, which
    the app must then hold whole). Here a write is taken in pieces of at most ``pending_limit``
    characters, and whenever that much is pending the stream flushes and waits until it is sent:
    no message carries more than about twice ``pending_limit``.

    The app stops reading iopub while its own backlog is full (``SocketLoop``); ZeroMQ's PUB
    socket would then drop messages once its queue (1,000 messages) is full, the cell's end
    among them. :func:`_iopub_waits` makes it wait instead, so the IO thread, and through the
    flush above the cell, go at the pace the app reads: the kernel holds at most that queue.
    Only ipykernel's streams are touched; the embedded engine's own streams bound themselves.
    """
    import sys
    for stream in (sys.stdout, sys.stderr):
        if not type(stream).__module__.startswith("ipykernel") or getattr(stream, "_codeact_bounded", False):
            continue
        original = stream.write

        def write(text, _original=original, _stream=stream):
            if not isinstance(text, str) or len(text) <= pending_limit:
                return _bounded_write(_original, _stream, text, pending_limit)
            for start in range(0, len(text), pending_limit):
                _bounded_write(_original, _stream, text[start:start + pending_limit], pending_limit)
            return len(text)

        stream.write = write
        stream._codeact_bounded = True
        _iopub_waits(stream)


def _iopub_waits(stream):
    """Sets ZMQ_XPUB_NODROP on the kernel's iopub socket (once), in its IO thread."""
    import threading
    thread = getattr(stream, "pub_thread", None)
    socket = getattr(thread, "socket", None)
    if socket is None or getattr(thread, "_codeact_nodrop", False):
        return
    try:
        import zmq
        option = zmq.XPUB_NODROP
    except (ImportError, AttributeError):  # an old pyzmq: the app's back-pressure may lose output
        return
    done = threading.Event()

    def set_option():
        try:
            socket.setsockopt(option, 1)
            thread._codeact_nodrop = True
        except Exception:  # a libzmq without it: as above
            pass
        finally:
            done.set()

    thread.schedule(set_option)
    done.wait(10)


def _bounded_write(original, stream, text, pending_limit):
    written = original(text)
    try:
        pending = stream._buffer.tell()
    except Exception:  # another ipykernel version: leave it as it is
        return written
    if pending >= pending_limit:
        stream.flush()
    return written


def _shell():
    """The running IPython shell, or None outside IPython."""
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    return get_ipython()


def _user_namespace(namespace):
    if namespace is not None:
        return namespace
    shell = _shell()
    if shell is None:
        raise ValueError("no IPython shell is running, so there is no user namespace")
    return shell.user_ns


def _is_user_variable(name, value):
    import types
    if name.startswith("_") or name in _HIDDEN:
        return False
    if isinstance(value, (types.ModuleType, types.FunctionType, types.BuiltinFunctionType, type)):
        return False
    if type(value).__module__ == "IPython.core.autocall":
        return False
    return True


def _shape_text(value):
    shape = getattr(value, "shape", None)
    if isinstance(shape, tuple) and shape:
        return " \u00d7 ".join(str(n) for n in shape)
    try:
        return "len %d" % len(value)
    except Exception:
        return ""


def _memory(value):
    try:
        if hasattr(value, "memory_usage") and hasattr(value, "columns"):
            return int(value.memory_usage(deep=False).sum())
        if hasattr(value, "nbytes"):
            return int(value.nbytes)
        return int(sys.getsizeof(value))
    except Exception:
        return -1


def _summary(value, limit=80):
    try:
        if hasattr(value, "columns") and hasattr(value, "shape"):
            text = "columns: " + ", ".join(str(c) for c in list(value.columns)[:12])
        else:
            text = repr(value)
    except Exception as error:
        text = "<repr failed: %s>" % type(error).__name__
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def variables(namespace=None):
    """The user's variables, sorted by name, as dicts the engines turn into VariableInfo."""
    ns = _user_namespace(namespace)
    found = []
    for name in sorted(ns):
        value = ns[name]
        if not _is_user_variable(name, value):
            continue
        found.append({
            "name": name,
            "type": type(value).__name__,
            "shape": _shape_text(value),
            "bytes": _memory(value),
            "summary": _summary(value),
        })
    return found


def frame(name, namespace=None):
    """The DataFrame held in ``name``, or a ValueError saying why not."""
    ns = _user_namespace(namespace)
    if name not in ns:
        raise ValueError("there is no variable named %r" % name)
    value = ns[name]
    import pandas as pd
    if isinstance(value, pd.Series):
        value = value.to_frame()
    if not isinstance(value, pd.DataFrame):
        raise ValueError("%r is a %s, not a DataFrame" % (name, type(value).__name__))
    return value


def page_frame(name, offset, limit, sort=None, ascending=True, namespace=None):
    """Rows [offset, offset+limit) of the frame, sorted first when asked."""
    df = frame(name, namespace)
    if sort is not None:
        if sort not in df.columns:
            raise ValueError("%r has no column %r" % (name, sort))
        df = df.sort_values(sort, ascending=ascending, kind="stable", na_position="last")
    return len(df), df.iloc[offset: offset + limit]


def column_kind(series):
    """How a column travels: ints, floats, bools, datetimes (ns since epoch) or texts."""
    import pandas as pd
    from pandas.api import types as t
    dtype = series.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        return "texts"
    if t.is_bool_dtype(dtype) and not t.is_object_dtype(dtype):
        return "bools" if not series.isna().any() else "texts"
    if t.is_integer_dtype(dtype):
        return "ints" if not series.isna().any() else "floats"
    if t.is_float_dtype(dtype):
        return "floats"
    if t.is_datetime64_any_dtype(dtype):
        return "datetimes"
    return "texts"


def _text(value):
    if value is None:
        return None
    try:
        import pandas as pd
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return str(value)


def float_values(series):
    """A column as a float64 numpy array, missing values (NaN, None, pd.NA) as NaN."""
    return series.to_numpy(dtype="float64", na_value=float("nan"))


def column_values(series, kind):
    """Plain Python values of a column for JSON transport (the kernel engine's path)."""
    if kind == "ints":
        return [int(v) for v in series.to_numpy()]
    if kind == "floats":
        return [None if math.isnan(v) else float(v) for v in float_values(series)]
    if kind == "bools":
        return [bool(v) for v in series.to_numpy()]
    if kind == "datetimes":
        values = series.dt.tz_convert("UTC") if getattr(series.dt, "tz", None) is not None else series
        return [int(v) for v in values.to_numpy(dtype="datetime64[ns]").view("int64")]
    return [_text(v) for v in series.tolist()]


def table_page(name, offset, limit, sort=None, ascending=True, namespace=None):
    """A page of a DataFrame as a JSON-able dict (see the Java record TablePage)."""
    total, page = page_frame(name, offset, limit, sort, ascending, namespace)
    columns = []
    for position in range(page.shape[1]):
        series = page.iloc[:, position]
        kind = column_kind(series)
        columns.append({
            "name": str(page.columns[position]),
            "dtype": str(series.dtype),
            "kind": kind,
            "values": column_values(series, kind),
        })
    return {
        "variable": name,
        "total": int(total),
        "offset": int(offset),
        "index": [str(label) for label in page.index],
        "columns": columns,
    }


def call_helper(module_name, source, filename, function, arguments_json, marker, user_ns):
    """Runs `function` of a helper file's `source` in a private namespace and prints its JSON result.

    The app's own helpers (the agent's dataset loader, its facts about the interpreter) run this
    way: the file never enters the user's namespace, the function only reads the user's globals
    (`user_ns`), and the result comes back on stdout as one line behind `marker`.
    """
    namespace = {"__name__": module_name}
    exec(compile(source, filename, "exec"), namespace)
    result = namespace[function](*json.loads(arguments_json), user_ns=user_ns)
    print(marker + json.dumps(result, default=str), flush=True)
