"""IPython shells of the embedded engine, one per engine, sharing the process's one interpreter.

A shell sends what a notebook would show through the :class:`codeact_io.Channel`: the last
expression's value (``execute_result``), ``display()`` calls and inline figures
(``display_data``), and errors as ipykernel formats them (no ANSI colours). Several shells may
exist; IPython's helpers that ask for "the" shell (``display()``, ``get_ipython()``, inline
matplotlib) see the one :func:`activate` made current.
"""
import os
import sys

from IPython.core.displayhook import DisplayHook
from IPython.core.displaypub import DisplayPublisher
from IPython.core.formatters import DisplayFormatter
from IPython.core.interactiveshell import InteractiveShell
from traitlets.config import Config

import codeact_guard

INLINE_BACKEND = "module://matplotlib_inline.backend_inline"

_channel = None
_active = None
_home = None
_pandas_ready = False
_internal_files = [codeact_guard.__file__]


def configure(channel, *internal_files):
    """Where shells send their outputs; ``internal_files`` are hidden from tracebacks.

    The current folder now is the application's own: it is restored whenever a shell is done
    (:func:`release`), since the process has one current folder for Java and Python alike.
    """
    global _channel, _home
    _channel = channel
    _home = os.getcwd()
    _internal_files.extend(internal_files)


class Publisher(DisplayPublisher):
    """``display()`` and inline figures: one ``display_data`` each."""

    def publish(self, data, metadata=None, source=None, *, transient=None, update=False, **kwargs):
        _channel.display(data, metadata, transient)

    def clear_output(self, wait=False):
        _channel.flush()


class Hook(DisplayHook):
    """The last expression's value: one ``execute_result`` with the cell's count."""

    _pending = None

    def start_displayhook(self):
        self._pending = {"count": self.prompt_count, "data": None, "metadata": None}

    def write_output_prompt(self):
        self._pending["count"] = self.prompt_count

    def write_format_data(self, format_dict, md_dict=None):
        self._pending["data"] = format_dict
        self._pending["metadata"] = md_dict

    def finish_displayhook(self):
        pending, self._pending = self._pending, None
        if pending and pending["data"]:
            _channel.result(pending["count"], pending["data"], pending["metadata"])


class Formatter(DisplayFormatter):
    """Turns on pandas' table schema the first time a value is shown after pandas was imported."""

    def format(self, obj, include=None, exclude=None):
        if not getattr(self.parent, "_codeact_pandas", True) and "pandas" in sys.modules:
            _configure_pandas(self.parent)
        return super().format(obj, include=include, exclude=exclude)


class Shell(InteractiveShell):
    """An ``InteractiveShell`` whose outputs go to Java and whose ``exit()`` is refused."""

    def init_display_formatter(self):
        self.display_formatter = Formatter(parent=self)
        self.configurables.append(self.display_formatter)

    def ask_exit(self):
        codeact_guard.refuse_exit()

    def _showtraceback(self, etype, evalue, stb):
        _channel.error(etype.__name__, str(evalue), clean_traceback(etype, stb))


def clean_traceback(etype, stb):
    """ipykernel's traceback lines without the frames of the engine's own modules."""
    lines = [chunk for chunk in stb if not any(name in chunk for name in _internal_files)]
    if isinstance(etype, type) and issubclass(etype, codeact_guard.ExitNotAllowed):
        lines = [chunk for chunk in lines if not chunk.startswith("An exception has occurred")]
    return lines


def _configure_pandas(shell):
    """What ``codeact_support.setup`` does for pandas, once pandas is there: its options once per
    process, and the table-schema formatter, which pandas adds to the current shell only, per shell."""
    global _pandas_ready
    shell._codeact_pandas = True
    try:
        pd = sys.modules["pandas"]
        if not _pandas_ready:
            _pandas_ready = True
            pd.set_option("display.max_columns", 50)
            pd.set_option("display.html.table_schema", True)
        if pd.get_option("display.html.table_schema"):
            from pandas.io.formats.printing import enable_data_resource_formatter
            activate(shell)
            enable_data_resource_formatter(True)
    except Exception:  # a half-imported or broken pandas: leave its defaults
        pass


def _configure_inline(shell):
    """Inline figures for this shell, once its matplotlib backend is the inline one."""
    if getattr(shell, "_codeact_inline", False):
        return
    backend = sys.modules.get("matplotlib_inline.backend_inline")
    if backend is None:
        return
    shell._codeact_inline = True
    callbacks = shell.events.callbacks["post_execute"]
    if any(cb is backend.flush_figures or getattr(cb, "__wrapped__", None) is backend.flush_figures for cb in callbacks):
        return  # configured when the backend was imported in this shell
    import matplotlib
    if matplotlib.get_backend() != INLINE_BACKEND:
        return
    from IPython.core.pylabtools import select_figure_formats
    backend.configure_inline_support(shell, INLINE_BACKEND)
    settings = backend.InlineBackend.instance()
    select_figure_formats(shell, settings.figure_formats, **settings.print_figure_kwargs)


def before_cell(shell):
    """Cheap checks before each cell: integrations that became possible since the last one."""
    if not shell._codeact_pandas and "pandas" in sys.modules:
        _configure_pandas(shell)
    _configure_inline(shell)


def _free_after_memory_error(result):
    import codeact_support
    codeact_support.free_after_memory_error(result)


def new_shell(working_directory):
    config = Config()
    config.HistoryManager.enabled = False
    shell = Shell(config=config, colors="NoColor", displayhook_class=Hook, display_pub_class=Publisher)
    shell._codeact_cwd = working_directory
    shell._codeact_inline = False
    shell._codeact_pandas = False
    shell.events.register("post_run_cell", _free_after_memory_error)
    import codeact_support
    codeact_support.install_dask_display(shell)
    activate(shell, force=True)
    release(shell)
    return shell


def activate(shell, force=False):
    """Makes ``shell`` the one IPython's helpers see, with its own ``__main__``, and enters its folder."""
    global _active
    if shell is not _active or force:
        for cls in type(shell)._walk_mro():
            cls._instance = shell
        sys.modules["__main__"] = shell.user_module
        _active = shell
    if shell._codeact_cwd != _home:
        try:
            os.chdir(shell._codeact_cwd)
        except OSError:  # the folder is gone: stay where we are
            pass


def release(shell):
    """The shell is done for now: remember its folder (the code may have changed it), go home."""
    try:
        folder = os.getcwd()
    except OSError:  # deleted while we were in it
        folder = shell._codeact_cwd
    shell._codeact_cwd = folder
    if _home is not None and folder != _home:
        try:
            os.chdir(_home)
        except OSError:
            pass


class entered:
    """``with entered(shell):`` -- :func:`activate`, then :func:`release` however the block ends."""

    def __init__(self, shell):
        self.shell = shell

    def __enter__(self):
        activate(self.shell)
        return self.shell

    def __exit__(self, *exc_info):
        release(self.shell)
        return False


def dispose(shell):
    """Drops everything the shell holds: variables, history, figures."""
    global _active
    import atexit
    activate(shell)
    try:
        pyplot = sys.modules.get("matplotlib.pyplot")
        if pyplot is not None:
            pyplot.close("all")
        shell.reset(new_session=False)
    finally:
        release(shell)
        atexit.unregister(shell.atexit_operations)
        if _active is shell:
            for cls in type(shell)._walk_mro():
                if getattr(cls, "_instance", None) is shell:
                    cls._instance = None
            _active = None
