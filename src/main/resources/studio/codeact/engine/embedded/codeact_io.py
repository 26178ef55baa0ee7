"""Outputs and input between the embedded interpreter and Java.

Java hands over two C function pointers (FFM upcall stubs):

* ``emit(kind, data, length)`` receives one output record: stream text as UTF-8, or a display,
  result or error as UTF-8 JSON.
* ``ask(prompt, length, password, buffer, capacity)`` asks Java for a line of input and returns
  the answer's length in bytes (copied into ``buffer`` when it fits), or a negative code.

Every record passes through one :class:`Channel`, under one lock, so records leave in the order
the code produced them, whichever Python thread wrote them. Stream text is buffered and sent when
a line ends and at least ``interval`` seconds passed since the last send, when it grows large,
before any other record, on ``flush()``, and at the end of a cell; a helper thread sends text that
would otherwise wait (a line printed before a long computation).
"""
import base64
import ctypes
import io
import json
import threading
import time

STDOUT, STDERR, DISPLAY, RESULT, ERROR = 1, 2, 3, 4, 5
# a result that is plain text only (most are): "<count>\n<text>", no JSON on either side
PLAIN_RESULT = 6

# ask() answers below zero
REFUSED, INTERRUPTED, DECLINED = -1, -2, -3

EMIT = ctypes.CFUNCTYPE(None, ctypes.c_int, ctypes.c_char_p, ctypes.c_ssize_t)
ASK = ctypes.CFUNCTYPE(ctypes.c_ssize_t, ctypes.c_char_p, ctypes.c_ssize_t, ctypes.c_int,
                       ctypes.c_void_p, ctypes.c_ssize_t)

_CHUNK_LIMIT = 1 << 18
_ANSWER_CAPACITY = 1 << 16


def _default(value):
    """JSON for what IPython's formatters may hand over besides plain JSON types."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        return base64.b64encode(bytes(value)).decode("ascii")
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    return str(value)


def _keyboard_interrupt():
    raise KeyboardInterrupt


def to_json(value):
    return json.dumps(value, default=_default, ensure_ascii=False)


class Channel:
    """The one way to Java. Safe to use from any Python thread."""

    def __init__(self, emit_address, ask_address, interval=0.05):
        self._emit = EMIT(emit_address)
        self._ask = ASK(ask_address)
        self._lock = threading.RLock()
        self._interval = interval
        self._wake = threading.Condition(self._lock)
        self._flusher = None
        self._flusher_idle = False
        self._answer = None
        self.interrupted = _keyboard_interrupt  # what to raise when Java says a question was interrupted
        self.stdout = OutStream(self, STDOUT, "<stdout>")
        self.stderr = OutStream(self, STDERR, "<stderr>")
        self._streams = (self.stdout, self.stderr)

    def detach_in_child(self):
        """In a process forked from the application (multiprocessing): Java is not there to call,
        so output goes to the inherited file descriptors and input is refused."""
        def nowhere(kind, data, length):
            pass

        def refuse(prompt, length, password, buffer, capacity):
            return REFUSED

        self._emit = nowhere
        self._ask = refuse
        self._lock = threading.RLock()
        self._wake = threading.Condition(self._lock)
        self._flusher = None
        import sys
        if isinstance(sys.stdout, OutStream):
            sys.stdout = sys.__stdout__
        if isinstance(sys.stderr, OutStream):
            sys.stderr = sys.__stderr__

    # -- records ---------------------------------------------------------------------------

    def send(self, kind, payload):
        """Sends one record after any stream text written before it."""
        data = payload.encode("utf-8", "surrogatepass") if isinstance(payload, str) else payload
        with self._lock:
            self._flush_streams()
            self._emit(kind, data, len(data))

    def display(self, data, metadata=None, transient=None):
        self.send(DISPLAY, to_json({"data": data, "metadata": metadata or {}, "transient": transient or {}}))

    def result(self, count, data, metadata=None):
        if not metadata and len(data) == 1 and isinstance(data.get("text/plain"), str):
            self.send(PLAIN_RESULT, "%d\n%s" % (count, data["text/plain"]))
        else:
            self.send(RESULT, to_json({"count": count, "data": data, "metadata": metadata or {}}))

    def error(self, ename, evalue, traceback):
        self.send(ERROR, to_json({"ename": ename, "evalue": evalue, "traceback": list(traceback)}))

    def flush(self):
        with self._lock:
            self._flush_streams()

    # -- streams ---------------------------------------------------------------------------

    def _flush_streams(self):
        for stream in self._streams:
            stream._send()

    def _written(self, stream):
        """Called under the lock after ``stream`` buffered text: send now or arm the helper."""
        for other in self._streams:
            if other is not stream and other._parts:
                other._send()
        now = time.monotonic()
        if stream._size >= _CHUNK_LIMIT or (stream._newline and now - stream._sent_at >= self._interval):
            stream._send()
        elif stream._parts:
            self._arm()

    def _arm(self):
        if self._flusher is None or not self._flusher.is_alive():
            self._flusher = threading.Thread(target=self._flush_later, name="codeact-output-flusher", daemon=True)
            self._flusher.start()
        elif self._flusher_idle:
            self._wake.notify()

    def _flush_later(self):
        """The helper thread: sends text that has waited ``interval`` seconds."""
        with self._lock:
            while True:
                if not any(stream._parts for stream in self._streams):
                    self._flusher_idle = True
                    self._wake.wait()
                    self._flusher_idle = False
                    continue
                self._wake.wait(self._interval)
                self._flush_streams()

    # -- input -----------------------------------------------------------------------------

    def ask(self, prompt, password):
        """A line typed in answer to ``prompt``; raises like ipykernel when nobody can answer."""
        prompt_bytes = str(prompt).encode("utf-8", "surrogatepass")
        self.flush()
        if self._answer is None:
            self._answer = ctypes.create_string_buffer(_ANSWER_CAPACITY)
        length = self._ask(prompt_bytes, len(prompt_bytes), 1 if password else 0, self._answer, _ANSWER_CAPACITY)
        if length == INTERRUPTED:
            self.interrupted()
        if length < 0:
            from IPython.core.error import StdinNotImplementedError
            what = "getpass" if password else "raw_input"
            if length == REFUSED:
                raise StdinNotImplementedError(what + " was called, but this frontend does not support input requests.")
            raise StdinNotImplementedError(what + " was called, but the frontend gave no answer.")
        if length > _ANSWER_CAPACITY:
            whole = ctypes.create_string_buffer(length)
            length = self._ask(None, -1, 0, whole, length)  # the rest of the same answer
            return whole.raw[:length].decode("utf-8", "replace")
        return self._answer.raw[:length].decode("utf-8", "replace")

    def input(self, prompt=""):
        return self.ask(prompt, False)

    def getpass(self, prompt="Password: ", stream=None):
        return self.ask(prompt, True)


class OutStream(io.TextIOBase):
    """``sys.stdout`` / ``sys.stderr`` of the embedded interpreter."""

    def __init__(self, channel, kind, name):
        super().__init__()
        self._channel = channel
        self._kind = kind
        self._name = name
        self._parts = []
        self._size = 0
        self._newline = False
        self._sent_at = 0.0

    @property
    def name(self):
        return self._name

    @property
    def encoding(self):
        return "utf-8"

    @property
    def errors(self):
        return "strict"

    def writable(self):
        return True

    def isatty(self):
        return False

    def fileno(self):
        raise io.UnsupportedOperation("the embedded engine's %s has no file descriptor" % self._name)

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError("write() argument must be str, not %s" % type(text).__name__)
        if text:
            with self._channel._lock:
                self._parts.append(text)
                self._size += len(text)
                self._newline = self._newline or "\n" in text
                self._channel._written(self)
        return len(text)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def flush(self):
        with self._channel._lock:
            self._channel._flush_streams()

    def _send(self):
        """Sends the buffered text; the caller holds the channel's lock."""
        if not self._parts:
            return
        text = "".join(self._parts)
        self._parts.clear()
        self._size = 0
        self._newline = False
        self._sent_at = time.monotonic()
        # one huge write leaves in pieces, so no copy of it is made whole (UTF-8 here, bytes and text in Java)
        for start in range(0, len(text), _CHUNK_LIMIT):
            data = text[start:start + _CHUNK_LIMIT].encode("utf-8", "surrogatepass")
            self._channel._emit(self._kind, data, len(data))


class InStream(io.TextIOBase):
    """``sys.stdin``: each line read is asked of Java, like ``input()`` without a prompt."""

    def __init__(self, channel):
        super().__init__()
        self._channel = channel

    @property
    def name(self):
        return "<stdin>"

    @property
    def encoding(self):
        return "utf-8"

    def readable(self):
        return True

    def isatty(self):
        return False

    def fileno(self):
        raise io.UnsupportedOperation("the embedded engine's stdin has no file descriptor")

    def readline(self, size=-1):
        return self._channel.ask("", False) + "\n"

    def read(self, size=-1):
        return self.readline()
