"""The entry points the Java harness calls inside the engine.

Each returns a ``JsonText``: its repr is JSON, so the cell's result carries it to Java as text.
Suites are read once per interpreter and kept by folder.
"""
import json
import sys
import time

from . import calls
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
    """The suite in ``folder``, read on first use."""
    if folder not in _suites:
        _suites[folder] = load_suite(folder)
    return _suites[folder]


def load(folder):
    """The suite's tasks and tools, or ``{"error": ...}`` when it cannot be read."""
    try:
        return JsonText(suite(folder).describe())
    except SuiteError as error:
        return JsonText({"error": str(error)})


def prepare(folder, task_id, namespace=None):
    """Readies the user's namespace for a task: removes what earlier tasks left there (variables,
    tools, figures) and puts this task's tools in as plain functions (code mode calls them so)."""
    global _baseline
    task = suite(folder).task(task_id)
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
    """``{"success": bool, "detail": why not}`` for a final answer."""
    passed, detail = suite(folder).task(task_id).comparison.check(answer_text)
    return JsonText({"success": passed, "detail": detail})


def check_task(folder, task_id):
    """Runs the task's reference solution and scores its answer with the task's own checker."""
    return JsonText(check(suite(folder).task(task_id)))


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


def chart(rows_json, path, title="CodeAct bench"):
    """Draws the summary's grouped bar chart into ``path`` (PNG)."""
    from .chart import draw
    draw(json.loads(rows_json), path, title)
    return JsonText({"path": path})


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
