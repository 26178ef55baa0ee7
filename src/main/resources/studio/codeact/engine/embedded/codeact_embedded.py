"""The functions Java calls in the embedded interpreter (see PythonBridge.java).

All of them run on the interpreter's own thread. Each engine has a shell, found by the engine's
number. Small answers travel as JSON text; a page of a DataFrame travels as JSON that gives, for
each numeric column, the address of its values in numpy's memory, plus the arrays themselves,
which Java keeps alive until it has read them.
"""
import json
import os
import sys

import codeact_guard
import codeact_io
import codeact_shell

_channel = None
_shells = {}


def install(emit_address, ask_address, signum, reason_address, executable):
    """Once per process, right after the interpreter started."""
    global _channel
    if _channel is not None:
        return
    # inline figures, never a GUI window in the application's process; set before pyplot loads
    os.environ["MPLBACKEND"] = codeact_shell.INLINE_BACKEND
    sys.executable = executable
    _insert_working_folder(sys.path)
    _channel = codeact_io.Channel(emit_address, ask_address)
    os.register_at_fork(after_in_child=_channel.detach_in_child)
    sys.stdout = _channel.stdout
    sys.stderr = _channel.stderr
    sys.stdin = codeact_io.InStream(_channel)
    import builtins
    import getpass
    builtins.input = _channel.input
    getpass.getpass = _channel.getpass
    codeact_guard.install_exit_guards()
    codeact_guard.install_interrupts(signum, reason_address)
    _channel.interrupted = codeact_guard.raise_interrupt
    codeact_shell.configure(_channel, __file__, codeact_io.__file__, codeact_shell.__file__)
    import codeact_sandbox  # noqa: F401 -- loaded while nothing is confined yet


def confine(policy_json):
    """Confines the calling thread (a session's own thread) by the sandbox policy."""
    import codeact_sandbox
    codeact_sandbox.confine(policy_json)


def scrub(names_json):
    """Removes key variables from the process environment (sandbox on or off)."""
    import codeact_sandbox
    codeact_sandbox.scrub(json.loads(names_json))


def _insert_working_folder(path):
    """'' before the first site-packages, as IPython's applications do."""
    if "" in path:
        return
    for position, entry in enumerate(path):
        if "site-packages" in entry or "dist-packages" in entry:
            path.insert(position, "")
            return
    path.append("")


def new_shell(engine, working_directory):
    _shells[engine] = codeact_shell.new_shell(working_directory)


def dispose(engine):
    shell = _shells.pop(engine, None)
    if shell is not None:
        codeact_shell.dispose(shell)
    import gc
    gc.collect()


def restart(engine, working_directory):
    """A fresh shell for the engine: new namespace, count from 1, figures closed, helpers reloaded."""
    dispose(engine)
    import importlib
    if "codeact_support" in sys.modules:
        importlib.reload(sys.modules["codeact_support"])
    new_shell(engine, working_directory)


def _shell(engine):
    """``with _shell(engine) as shell:`` -- the engine's shell, current for the block."""
    return codeact_shell.entered(_shells[engine])


def execute(engine, code, silent, store_history):
    """Runs one cell; returns (1 if it succeeded else 0, its execution count)."""
    shell = _shells[engine]
    succeeded = False
    error = None
    try:
        codeact_shell.activate(shell)
        codeact_shell.before_cell(shell)
        codeact_guard.arm()
        try:
            result = shell.run_cell(code, store_history=store_history and not silent, silent=silent)
        finally:
            codeact_guard.disarm()
        succeeded = result.success
        error = result.error_in_exec
    except BaseException as landed:  # an interrupt that landed just before or after the user's code
        codeact_guard.disarm()
        error = landed
        shell.showtraceback()
    finally:
        _channel.flush()
        codeact_shell.release(shell)
    if isinstance(error, MemoryError):
        _release(error)
    return (1 if succeeded else 0, 0 if silent else shell.execution_count - 1)


def _release(error):
    """After a MemoryError: drop the locals its traceback keeps alive, so the memory comes back.

    ``frame.clear()`` leaves the locals dict a traceback formatter may have made; reading
    ``f_locals`` again afterwards empties it (function frames only; a module's is its namespace).
    """
    import gc
    import inspect
    tb = error.__traceback__
    while tb is not None:
        frame = tb.tb_frame
        try:
            frame.clear()
        except RuntimeError:  # still running: nothing to clear there
            pass
        else:
            if frame.f_code.co_flags & inspect.CO_OPTIMIZED:
                frame.f_locals.clear()
        tb = tb.tb_next
    gc.collect()


def complete(engine, code, cursor):
    """Completions as ipykernel's (Jedi-based) completer gives them."""
    from IPython.core.completer import provisionalcompleter, rectify_completions
    with _shell(engine) as shell, provisionalcompleter():
        completions = list(rectify_completions(code, shell.Completer.completions(code, cursor)))
    if completions:
        start, end = completions[0].start, completions[0].end
    else:
        start, end = cursor, cursor
    return json.dumps({"matches": [c.text for c in completions], "start": start, "end": end})


def inspect(engine, code, cursor, detail):
    """Help for the name at the cursor, as ipykernel's inspect_reply."""
    from IPython.utils.tokenutil import token_at_cursor
    name = token_at_cursor(code, cursor)
    with _shell(engine) as shell:
        try:
            bundle = shell.object_inspect_mime(name, detail_level=detail)
        except KeyError:
            return json.dumps({"found": False, "data": {}})
        if not shell.enable_html_pager:
            bundle.pop("text/html", None)
    return codeact_io.to_json({"found": True, "data": bundle})


def variables(engine):
    import codeact_support
    with _shell(engine) as shell:
        return codeact_io.to_json(codeact_support.variables(shell.user_ns))


def table_page(engine, name, offset, limit, sort, ascending):
    """A page of a DataFrame: (JSON description, arrays to keep alive while Java reads them)."""
    import codeact_support
    with _shell(engine) as shell:
        total, page = codeact_support.page_frame(name, offset, limit, sort, bool(ascending), shell.user_ns)
    columns, arrays = [], []
    for position in range(page.shape[1]):
        series = page.iloc[:, position]
        kind = codeact_support.column_kind(series)
        column = {"name": str(page.columns[position]), "dtype": str(series.dtype), "kind": kind}
        if kind == "texts":
            column["values"] = codeact_support.column_values(series, kind)
        else:
            values = numeric_values(series, kind)
            arrays.append(values)
            column["address"] = values.__array_interface__["data"][0]
            column["length"] = int(values.shape[0])
        columns.append(column)
    description = {"total": int(total), "offset": int(offset),
                   "index": [str(label) for label in page.index], "columns": columns}
    return codeact_io.to_json(description), arrays


def numeric_values(series, kind):
    """The column's values as one contiguous numpy array Java can read: int64, float64, bool or
    datetime64[ns] as int64 nanoseconds (UTC). A view of the frame's memory when it already is one."""
    import numpy as np
    if kind == "ints":
        values = series.to_numpy()
        if values.dtype != np.int64:
            values = values.view(np.int64) if values.dtype == np.uint64 else values.astype(np.int64)
    elif kind == "floats":
        values = series.to_numpy()
        if values.dtype != np.float64:
            values = series.to_numpy(dtype="float64", na_value=np.nan)
    elif kind == "bools":
        values = series.to_numpy()
        if values.dtype != np.bool_:
            values = series.to_numpy(dtype=np.bool_)
    else:
        if getattr(series.dt, "tz", None) is not None:
            series = series.dt.tz_convert("UTC").dt.tz_localize(None)
        values = series.to_numpy(dtype="datetime64[ns]").view(np.int64)
    return np.ascontiguousarray(values)
