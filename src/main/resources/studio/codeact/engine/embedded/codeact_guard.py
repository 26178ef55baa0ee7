"""Guards the process that hosts the embedded interpreter (the Java application).

* Exit calls (``sys.exit``, ``os._exit``, ``os.abort``, ``exit()``, ``quit()``), signals the code
  sends to its own process, and ``os.exec*`` (which would replace the application) raise
  :class:`ExitNotAllowed` instead. A process forked from the host (multiprocessing) gets the real
  functions.
* Interrupts: Java writes why it interrupts into a small native struct and sends a real signal to
  the interpreter's thread, so blocking calls (``time.sleep``, socket reads) return early. The
  Python handler raises ``KeyboardInterrupt`` or ``MemoryError`` -- but only while a cell runs
  (between :func:`arm` and :func:`disarm`), so an interrupt never lands in the engine's own code.
"""
import builtins
import ctypes
import os
import signal
import sys
import threading
import warnings

MESSAGE = "exiting the interpreter is not allowed in the embedded engine; the session continues"

# reasons Java writes into the struct
NONE, INTERRUPT, MEMORY = 0, 1, 2


class ExitNotAllowed(SystemExit):
    """Raised instead of ending the process. A ``SystemExit`` so code that catches one still does."""


class Reason(ctypes.Structure):
    """Shared with Java (see Interrupter.java): why the interpreter is being interrupted."""
    _fields_ = [("reason", ctypes.c_int32),
                ("armed", ctypes.c_int32),
                ("limit", ctypes.c_int64),
                ("rss", ctypes.c_int64)]


_host_pid = None
_reason = None
_originals = {}


def _in_host():
    return os.getpid() == _host_pid


def _refuse():
    raise ExitNotAllowed(MESSAGE)


def _guarded(module, name, refuse_when):
    original = getattr(module, name, None)
    if original is None:
        return
    _originals[(module.__name__, name)] = original

    def guard(*args, **kwargs):
        if _in_host() and refuse_when(*args, **kwargs):
            _refuse()
        return original(*args, **kwargs)

    guard.__name__ = name
    guard.__qualname__ = name
    guard.__doc__ = original.__doc__
    setattr(module, name, guard)


def _always(*args, **kwargs):
    return True


def _targets_host(pid, sig):
    if sig == 0:
        return False
    return pid in (0, -1, os.getpid()) or (pid < -1 and -pid == os.getpgrp())


def _targets_host_group(pgid, sig):
    return sig != 0 and pgid in (0, os.getpgrp())


def _unhandled(sig, *rest):
    """A signal the code sends itself that no Python handler catches: it could end the process."""
    if sig == 0:
        return False
    try:
        return not callable(signal.getsignal(sig))
    except (ValueError, TypeError):
        return True


def _thread_signal(thread_id, sig):
    return _unhandled(sig)


def install_exit_guards():
    """Replaces the exit functions; idempotent."""
    global _host_pid
    if _host_pid is not None:
        return
    _host_pid = os.getpid()
    import posix
    for module in (os, posix):
        _guarded(module, "_exit", _always)
        _guarded(module, "abort", _always)
        _guarded(module, "kill", _targets_host)
        _guarded(module, "killpg", _targets_host_group)
    for name in ("execv", "execve", "execl", "execle", "execlp", "execlpe", "execvp", "execvpe"):
        _guarded(os, name, _always)
    _guarded(posix, "execv", _always)
    _guarded(posix, "execve", _always)
    _guarded(sys, "exit", _always)
    _guarded(signal, "raise_signal", _unhandled)
    _guarded(signal, "pthread_kill", _thread_signal)
    for name in ("exit", "quit"):
        if hasattr(builtins, name):
            _guarded(builtins, name, _always)
    os.register_at_fork(before=_hold_jvm_signals, after_in_parent=_release_jvm_signals, after_in_child=restore_default_signals)
    # IPython says "To exit: use 'exit', 'quit', or Ctrl-D." after any SystemExit; not here.
    warnings.filterwarnings("ignore", message=r"To exit: use 'exit', 'quit', or Ctrl-D\.")


# The JVM handles these; in a process forked from it (multiprocessing) there is no JVM to act on
# them, so its handlers would swallow e.g. the SIGTERM with which Pool.terminate() ends workers.
_JVM_SIGNALS = ("SIGTERM", "SIGHUP", "SIGQUIT", "SIGUSR2", "SIGSEGV", "SIGBUS", "SIGFPE", "SIGILL", "SIGTRAP")


# Of those, the ones another process sends: held (blocked) from just before a fork until the child
# has its default dispositions back, so a SIGTERM sent to a worker in that gap (Pool.terminate()
# right after a fork) waits for the default handler instead of reaching the JVM's, which does
# nothing in a process without a JVM and left the worker idle for ever.
_SENT_SIGNALS = ("SIGTERM", "SIGHUP", "SIGQUIT", "SIGUSR2")
_held = threading.local()


def _sent_signals():
    return {getattr(signal, name) for name in _SENT_SIGNALS if hasattr(signal, name)}


def _hold_jvm_signals():
    try:
        _held.mask = signal.pthread_sigmask(signal.SIG_BLOCK, _sent_signals())
    except (OSError, ValueError, AttributeError):
        _held.mask = None


def _release_jvm_signals():
    mask = getattr(_held, "mask", None)
    if mask is not None:
        _held.mask = None
        try:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        except (OSError, ValueError):
            pass


def restore_default_signals():
    """In a forked child: the dispositions a fresh Python process has (SIGINT raises KeyboardInterrupt);
    then the signals held over the fork are let through."""
    _restore_dispositions()
    _release_jvm_signals()


def _restore_dispositions():
    for name in _JVM_SIGNALS:
        number = getattr(signal, name, None)
        if number is not None:
            try:
                signal.signal(number, signal.SIG_DFL)
            except (OSError, ValueError, RuntimeError):
                pass
    try:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    except (OSError, ValueError, RuntimeError):
        pass


def refuse_exit():
    """What ``exit()`` / ``quit()`` in a cell do (the shell's ``ask_exit``)."""
    if _in_host():
        _refuse()


# -- interrupts --------------------------------------------------------------------------------

def install_interrupts(signum, reason_address):
    """Handles ``signum`` (sent by Java to this thread) using the struct at ``reason_address``."""
    global _reason
    _reason = Reason.from_address(reason_address)
    signal.signal(signum, _on_signal)
    try:
        signal.siginterrupt(signum, True)
    except (AttributeError, OSError):
        pass


def _gib(size):
    return "%.1f GB" % (size / 1e9) if size >= 1e9 else "%d MB" % round(size / 1e6)


def _raise_pending():
    reason = _reason.reason
    if reason == NONE:
        return
    _reason.reason = NONE
    if reason == MEMORY:
        raise MemoryError("the cell grew the session's memory by %s, past the memory ceiling of %s (above the idle "
                          "footprint); it was stopped and the session continues" % (_gib(_reason.rss), _gib(_reason.limit)))
    raise KeyboardInterrupt


def raise_interrupt():
    """Raises what Java asked for, taking it so the signal handler does not raise it again;
    ``KeyboardInterrupt`` when nothing is pending (an ``input()`` that was answered "interrupted")."""
    if _reason is not None:
        _raise_pending()
    raise KeyboardInterrupt


def _on_signal(signum, frame):
    if _reason is not None and _reason.armed:
        _raise_pending()


def arm():
    """A cell starts: interrupts may now raise in it (one that came early raises at once)."""
    if _reason is not None:
        _reason.armed = 1
        _raise_pending()


def disarm():
    """The cell ended: later interrupts are ignored until the next :func:`arm`."""
    if _reason is not None:
        _reason.armed = 0


def is_guard_frame(text):
    """True for a traceback entry that shows this module's own code (the signal handler)."""
    return __file__ in text
