"""Runs the embedded engine's Python modules in a plain interpreter, with Python standing in for Java.

The upcalls Java hands over are C function pointers; here they are ctypes callbacks into Python,
so the modules run exactly as they do inside the application.
"""
import ctypes
import json
import os
import signal
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
for folder in ("src/main/resources/studio/codeact/engine/embedded", "src/main/resources/studio/codeact/engine",
               "src/main/resources/studio/codeact/engine/sandbox"):
    path = os.path.join(ROOT, folder)
    if path not in sys.path:
        sys.path.insert(0, path)

import codeact_io  # noqa: E402

SIGNAL = signal.SIGRTMIN + 5

KINDS = {codeact_io.STDOUT: "stdout", codeact_io.STDERR: "stderr", codeact_io.DISPLAY: "display",
         codeact_io.RESULT: "result", codeact_io.ERROR: "error"}


class FakeJava:
    """Records what the Python side emits and answers ``input()`` with ``answers``."""

    def __init__(self):
        self.records = []
        self.prompts = []
        self.answers = []
        self._pending = b""
        self.emit = codeact_io.EMIT(self._on_emit)
        self.ask = codeact_io.ASK(self._on_ask)
        self.reason = None

    @property
    def emit_address(self):
        return ctypes.cast(self.emit, ctypes.c_void_p).value

    @property
    def ask_address(self):
        return ctypes.cast(self.ask, ctypes.c_void_p).value

    def _on_emit(self, kind, data, length):
        payload = ctypes.string_at(data, length).decode("utf-8")
        if kind == codeact_io.PLAIN_RESULT:  # decoded as OutputDecoder.java does
            count, text = payload.split("\n", 1)
            self.records.append(("result", {"count": int(count), "data": {"text/plain": text}, "metadata": {}}))
            return
        name = KINDS[kind]
        self.records.append((name, payload if name in ("stdout", "stderr") else json.loads(payload)))

    def _on_ask(self, prompt, length, password, buffer, capacity):
        if length >= 0:
            self.prompts.append((ctypes.string_at(prompt, length).decode("utf-8"), bool(password)))
            if not self.answers:
                return codeact_io.REFUSED
            answer = self.answers.pop(0)
            if callable(answer):
                answer = answer()
            if isinstance(answer, int):
                return answer
            self._pending = answer.encode("utf-8")
        size = len(self._pending)
        if size <= capacity:
            ctypes.memmove(buffer, self._pending, size)
        return size

    def kinds(self):
        return [name for name, _ in self.records]

    def text(self, name="stdout"):
        return "".join(payload for kind, payload in self.records if kind == name)

    def take(self):
        records, self.records = self.records, []
        return records


_installed = None


def installed():
    """The bridge installed once per test process, like once per application."""
    global _installed
    if _installed is None:
        import codeact_embedded
        import codeact_guard
        java = FakeJava()
        java.reason = codeact_guard.Reason()
        saved = sys.stdout, sys.stderr, sys.stdin
        codeact_embedded.install(java.emit_address, java.ask_address, SIGNAL,
                                 ctypes.addressof(java.reason), sys.executable)
        java.saved_streams = saved
        _installed = java
    return _installed


def send_interrupt(java, reason):
    """What Interrupter.java does: write the reason, then signal the interpreter's thread."""
    import threading
    java.reason.reason = reason
    signal.pthread_kill(threading.main_thread().ident, SIGNAL)
