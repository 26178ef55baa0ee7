"""The adapter for M3ToolEval (``scripts/eval/m3tooleval`` of the CodeAct repository): its 82 tasks
as task dicts for a suite's ``tasks.py``::

    import os
    from codeact_bench.m3tooleval import tasks_from

    def tasks():
        return tasks_from(os.path.join(os.path.dirname(__file__), "..", "code-act"))

Each task keeps M3ToolEval's own name, instruction, tools (with their declared signatures) and
expected answer, and is graded by M3ToolEval's ``check_answer`` first. Where that checker cannot
work as meant, the adapter declares a second comparison the results will name:

- a dict, list, tuple or bool answer: its checker raises a TypeError inside and falls back to
  comparing ``str()`` forms, so a right answer written as JSON fails; here the value is compared
  item by item, case-sensitively, without tolerance beyond float noise;
- a task that asks for ``'xx.xx'``: its expected value often has more decimals (a 10 % discount) or
  float noise (a sum of prices), so the asked-for answer fails an exact check; a number within half
  a cent (0.005) passes.

Text is compared case-sensitively, as M3ToolEval does.
"""
import contextlib
import importlib
import io
import os
import sys

EVAL_FOLDER = os.path.join("scripts", "eval", "m3tooleval")
CENTS = "'xx.xx'"
HALF_A_CENT = 0.005
FLOAT_NOISE = 1e-9


def tasks_from(checkout):
    """The tasks of M3ToolEval in ``checkout`` (the repository's root, or its eval folder)."""
    folder = eval_folder(checkout)
    if folder in sys.path:
        sys.path.remove(folder)
    sys.path.insert(0, folder)
    for name in [name for name in sys.modules if name == "tasks" or name.startswith("tasks.")]:
        del sys.modules[name]  # imported here and now, so that the next fresh load of the suite imports it again
    try:
        import tqdm  # noqa: F401 (M3ToolEval imports it; say how to get it before its own import fails)
    except ImportError:
        raise ImportError("M3ToolEval needs tqdm: install it for %s (Debian: sudo apt-get install python3-tqdm; "
                          "./codeact installs it)" % sys.executable) from None
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        module = importlib.import_module("tasks")  # prints a line per task; keep the cell quiet
        found = list(module.get_task_iterator())
    return [adapt(task) for task in found]


def eval_folder(checkout):
    """The folder holding M3ToolEval's ``tasks`` package, from the checkout's root or the folder itself."""
    checkout = os.path.abspath(os.path.expanduser(checkout))
    for candidate in (os.path.join(checkout, EVAL_FOLDER), checkout):
        if os.path.isfile(os.path.join(candidate, "tasks", "__init__.py")):
            return candidate
    raise FileNotFoundError("no M3ToolEval at %s: clone it with 'git clone https://github.com/xingyaoww/code-act' "
                            "and give the path of that checkout" % checkout)


def adapt(task):
    """One M3ToolEval ``Task`` as a task dict of this harness."""
    expected = task.expected_output
    declared = {
        "id": task.name,
        "instruction": task.instruction,
        "tools": task.tools,
        "answer": expected,
        "class": "atomic" if task.is_single_tool_task else "multi-tool",
        "compare": ["predicate"],
        "predicate": task.check_answer,
        "predicate_input": "text",
        "predicate_name": "M3ToolEval check_answer",
        "case_sensitive": True,
        "relative_tolerance": 0,
    }
    if isinstance(expected, (dict, list, tuple, bool)):
        declared["compare"].append("value")
        declared["relative_tolerance"] = FLOAT_NOISE
    elif CENTS in task.instruction and isinstance(expected, float):
        declared["compare"].append("number")
        declared["tolerance"] = HALF_A_CENT
    return declared

