"""The entry points the Java harness calls inside the engine.

Each returns a ``JsonText``: its repr is JSON, so the cell's result carries it to Java as text.
A suite is read again, from fresh modules, for every task run (``prepare``) and every reference check,
so no run sees tool state another left behind; the latest load of each folder is kept for the calls
and the scoring of the run in progress.
"""
import json
import sys
import time

from . import calls, m3protocol
from .suite import SuiteError, load as load_suite

_suites = {}
_baseline = None  # the names the namespace had before the first task


class JsonText:
    """A value whose repr is raw JSON."""

    def __init__(self, value):
        self.text = json.dumps(value, default=str)

    def __repr__(self):
        return self.text


def suite(folder):
    """The suite in ``folder`` as last loaded (loaded now if it never was)."""
    if folder not in _suites:
        return fresh(folder)
    return _suites[folder]


def fresh(folder):
    """The suite in ``folder`` read anew from fresh modules: its tools start with fresh state."""
    _suites[folder] = load_suite(folder, _suites.pop(folder, None))
    return _suites[folder]


def load(folder):
    """The suite's tasks and tools, or ``{"error": ...}`` when it cannot be read."""
    try:
        return JsonText(fresh(folder).describe())
    except SuiteError as error:
        return JsonText({"error": str(error)})


def prepare(folder, task_id, namespace=None):
    """Readies a task run: reads the suite anew (fresh tool state), removes what earlier tasks left
    in the user's namespace (variables, tools, figures) and puts this task's tools in as plain
    functions (code mode calls them so)."""
    global _baseline
    task = fresh(folder).task(task_id)
    target = _user_namespace(namespace)
    if _baseline is None:
        _baseline = set(target)
    for name in [name for name in target if name not in _baseline and not name.startswith("_")]:
        del target[name]
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        pyplot.close("all")
    for name, tool in task.tools.items():
        target[name] = tool.function
    return JsonText({"tools": list(task.tools)})


def call_json(folder, task_id, raw):
    """Runs a json-mode action ``{"name": ..., "arguments": {...}}`` given as text."""
    return JsonText(calls.call_json(suite(folder).task(task_id).tools, raw).describe())


def call_text(folder, task_id, action, action_input):
    """Runs a text-mode action from its ``Action:`` and ``Action Input:`` texts."""
    return JsonText(calls.call_text(suite(folder).task(task_id).tools, action, action_input).describe())


def score(folder, task_id, answer_text):
    """``{"success", "detail" (why not), "graded_by", "expected" (when it failed)}`` for a final answer."""
    return JsonText(suite(folder).task(task_id).comparison.grade(answer_text))


def check_task(folder, task_id):
    """Runs the task's reference solution, on fresh tools, and scores its answer with the task's own checker."""
    return JsonText(check(fresh(folder).task(task_id)))


def m3_turn(folder, task_id, mode, generation):
    """One model reply under M3ToolEval's protocol: trimmed, parsed and, for a json or text action, run."""
    return JsonText(m3protocol.turn(suite(folder).task(task_id), mode, generation))


def m3_code_observation(folder, task_id, output):
    """The observation M3ToolEval's code mode makes of what a code action printed."""
    return JsonText(m3protocol.code_observation(suite(folder).task(task_id), output))


def check(task):
    """The check-suite verdict for one task (a dict; ``ok`` is the verdict, ``detail`` says why not)."""
    started = time.perf_counter()
    verdict = {"id": task.id, "class": task.task_class, "ok": False, "calls": 0, "answer": None,
               "detail": "", "reference": task.reference is not None}
    if task.reference is not None:
        toolbox = ToolBox(task)
        try:
            verdict["answer"] = task.reference(toolbox)
        except Exception as error:
            verdict["calls"] = toolbox.count
            verdict["detail"] = "the reference solution raised %s: %s" % (type(error).__name__, error)
            return verdict
        verdict["calls"] = toolbox.count
        verdict["seconds"] = round(time.perf_counter() - started, 3)
    expected_ok, expected_detail = task.comparison.check(_answer_text(task.comparison.expected))
    if not expected_ok:
        verdict["detail"] = "the expected answer fails its own comparison: " + expected_detail
        return verdict
    if task.reference is None:
        verdict["ok"] = True
        verdict["detail"] = "no reference solution; only the expected answer was checked"
        return verdict
    passed, detail = task.comparison.check(_answer_text(verdict["answer"]))
    if not passed:
        verdict["detail"] = "the reference answer fails the checker: " + detail
    elif task.task_class == "atomic" and verdict["calls"] != 1:
        verdict["detail"] = "an atomic task needs exactly one tool call; the reference made %d" % verdict["calls"]
    elif task.task_class == "multi-tool" and verdict["calls"] < 2:
        verdict["detail"] = "a multi-tool task needs two or more tool calls; the reference made %d" % verdict["calls"]
    else:
        verdict["ok"] = True
    return verdict


def chart(rows_json, title="CodeAct bench"):
    """Draws the summary's grouped bar chart; returns the PNG as base64 for the app to write.

    The app writes the file: a sandboxed engine may write only in its working folder, and the
    summary belongs in the output folder above it.
    """
    import base64
    import io
    from .chart import draw
    png = io.BytesIO()
    draw(json.loads(rows_json), png, title)
    return JsonText({"png": base64.b64encode(png.getvalue()).decode("ascii")})


class ToolBox:
    """The task's tools as attributes, counting calls; other tools are not there."""

    def __init__(self, task):
        self._task = task
        self.count = 0

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        tool = self._task.tools.get(name)
        if tool is None:
            raise AttributeError("tool %r is not among this task's tools (%s)"
                                 % (name, ", ".join(self._task.tools)))

        def counted(*args, **kwargs):
            self.count += 1
            return tool.function(*args, **kwargs)

        return counted


def _answer_text(value):
    """How a reference value would be written inside ``<solution>``."""
    if isinstance(value, str):
        return value
    return json.dumps(value, default=str)


def _user_namespace(namespace):
    """The running IPython shell's user namespace (``get_ipython`` is no builtin inside a module)."""
    if namespace is not None:
        return namespace
    try:
        from IPython import get_ipython
        shell = get_ipython()
    except ImportError:
        shell = None
    if shell is not None:
        return shell.user_ns
    import __main__
    return vars(__main__)
