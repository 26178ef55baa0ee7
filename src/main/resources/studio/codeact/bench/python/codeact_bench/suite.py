"""Reading a task suite: a folder of JSON task files, a ``tasks.py`` that yields tasks, or both.

A suite folder may hold:

``suite.json``  optional: ``{"name", "description", "max_turns"}`` and defaults for every task's
                comparison: ``"case_sensitive"``, ``"tolerance"``, ``"relative_tolerance"``
``tools.py``    the tools: every public function defined there (or the names in ``__all__``)
``tasks/``      JSON task files; each holds one task, a list of tasks, or ``{"tasks": [...]}``
``tasks.py``    a ``tasks()`` function (or a ``TASKS`` iterable) yielding task dicts
``reference.py`` reference solutions: ``def <task id with '-' as '_'>(t)``; ``t.tool(...)`` calls a tool
``checks.py``   predicates that tasks name in ``"predicate": "checks.name"``

The Python files are imported as one package, so they may import each other relatively
(``from . import helpers``). See the README next to this harness for every task field.

Fresh state: ``load(folder, previous)`` first forgets every module the previous load of the suite
imported from outside the interpreter's own libraries (the suite's files, and a checkout it put on
``sys.path``), so tools that keep state (a browser on a page, a counter) start from scratch, as
M3ToolEval's tasks do in their own process.
"""
import site
import sysconfig
import importlib
import importlib.util
import itertools
import json
import os
import re
import sys
import types

from .answers import Comparison
from .tooling import Tool

TASK_CLASSES = ("multi-tool", "atomic")
DEFAULT_MAX_TURNS = 10

_package_numbers = itertools.count(1)


class SuiteError(Exception):
    """A suite that cannot be read; the message names the file and what is wrong."""


class Task:
    """One task: what the model is asked, which tools it may use, and how its answer is scored."""

    def __init__(self, task_id, title, instruction, task_class, tools, comparison, max_turns, reference):
        self.id = task_id
        self.title = title
        self.instruction = instruction
        self.task_class = task_class
        self.tools = tools  # name -> Tool, in the order the task lists them
        self.comparison = comparison
        self.max_turns = max_turns
        self.reference = reference  # callable(t) or None

    def describe(self):
        return {
            "id": self.id,
            "title": self.title,
            "class": self.task_class,
            "instruction": self.instruction,
            "tools": list(self.tools),
            "max_turns": self.max_turns,
            "has_reference": self.reference is not None,
        }


class Suite:
    """The tasks of one suite folder, in file order, and every tool they use."""

    def __init__(self, name, folder, description, tasks, modules=()):
        self.name = name
        self.folder = folder
        self.description = description
        self.tasks = tasks  # id -> Task
        self.modules = tuple(modules)  # the modules this load imported that a fresh load imports again

    def task(self, task_id):
        try:
            return self.tasks[task_id]
        except KeyError:
            raise SuiteError("the suite has no task %r" % task_id) from None

    def tools(self):
        found = {}
        for task in self.tasks.values():
            for name, tool in task.tools.items():
                found.setdefault(name, tool)
        return found

    def describe(self):
        return {
            "name": self.name,
            "folder": self.folder,
            "description": self.description,
            "tasks": [task.describe() for task in self.tasks.values()],
            "tools": {name: tool.describe() for name, tool in self.tools().items()},
        }


def load(folder, previous=None):
    """Reads the suite in ``folder``; raises ``SuiteError`` with a sentence a user can act on.

    ``previous``: an earlier load of the suite whose modules are forgotten first, so that this load
    builds its tools (and their state) anew."""
    folder = os.path.abspath(folder)
    if not os.path.isdir(folder):
        raise SuiteError("no suite folder at %s" % folder)
    if previous is not None:
        forget(previous)
    before = set(sys.modules)
    try:
        suite = _load(folder)
    except BaseException:
        _forget_names(_own_modules(set(sys.modules) - before))
        raise
    suite.modules = tuple(_own_modules(set(sys.modules) - before))
    return suite


def forget(suite):
    """Removes the modules a load imported, so that the next import runs them again."""
    _forget_names(suite.modules)


def _forget_names(names):
    for name in names:
        sys.modules.pop(name, None)
    importlib.invalidate_caches()


def _own_modules(names):
    """Of the modules a load added, those that are not the interpreter's libraries or the harness."""
    libraries = _library_folders()
    own = []
    for name in names:
        if name == "codeact_bench" or name.startswith("codeact_bench."):
            continue
        module = sys.modules.get(name)
        where = getattr(module, "__file__", None)
        if where is None:
            paths = list(getattr(module, "__path__", None) or [])
            if not paths and not name.startswith("codeact_suite_"):
                continue  # built into the interpreter
            where = paths[0] if paths else ""
        where = os.path.realpath(where) if where else ""
        if where and any(where == folder or where.startswith(folder + os.sep) for folder in libraries):
            continue
        own.append(name)
    return own


_LIBRARIES = None


def _library_folders():
    global _LIBRARIES
    if _LIBRARIES is None:
        found = set()
        for key in ("stdlib", "platstdlib", "purelib", "platlib"):
            path = sysconfig.get_paths().get(key)
            if path:
                found.add(path)
        try:
            found.update(site.getsitepackages())
        except AttributeError:  # an old virtualenv's site module
            pass
        user = getattr(site, "getusersitepackages", lambda: None)()
        if user:
            found.add(user)
        found.update(path for path in sys.path if os.path.basename(path.rstrip(os.sep)) in ("site-packages", "dist-packages"))
        _LIBRARIES = sorted({os.path.realpath(path) for path in found if path})
    return _LIBRARIES


def _load(folder):
    manifest = _manifest(folder)
    package = _package(folder)
    tools_module = _optional_module(package, folder, "tools")
    reference_module = _optional_module(package, folder, "reference")
    checks_module = _optional_module(package, folder, "checks")
    context = _Context(folder, tools_module, reference_module, checks_module,
                       int(manifest.get("max_turns", DEFAULT_MAX_TURNS)),
                       {key: manifest[key] for key in ("case_sensitive", "tolerance", "relative_tolerance")
                        if key in manifest})
    tasks = {}
    for source, raw in itertools.chain(_json_tasks(folder), _python_tasks(package, folder)):
        task = context.task(raw, source)
        if task.id in tasks:
            raise SuiteError("%s: task id %r is used twice" % (source, task.id))
        tasks[task.id] = task
    if not tasks:
        raise SuiteError("%s holds no tasks: add JSON files under tasks/ or a tasks.py" % folder)
    name = manifest.get("name") or os.path.basename(folder)
    return Suite(name, folder, manifest.get("description", ""), tasks)


def _manifest(folder):
    path = os.path.join(folder, "suite.json")
    if not os.path.exists(path):
        return {}
    return _read_json(path)


def _read_json(path):
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except json.JSONDecodeError as error:
        raise SuiteError("%s is not valid JSON: %s" % (path, error)) from None


def _package(folder):
    """A fresh package whose path is the suite folder, so its modules import each other relatively."""
    name = "codeact_suite_%d" % next(_package_numbers)
    package = types.ModuleType(name)
    package.__path__ = [folder]
    package.__package__ = name
    sys.modules[name] = package
    return name


def _optional_module(package, folder, stem):
    if not os.path.exists(os.path.join(folder, stem + ".py")):
        return None
    try:
        return importlib.import_module(package + "." + stem)
    except Exception as error:
        hint = ""
        if isinstance(error, ModuleNotFoundError) and error.name:
            hint = ("; install it for %s (Debian: sudo apt-get install python3-%s)"
                    % (sys.executable, error.name.split(".")[0].replace("_", "-")))
        raise SuiteError("%s.py of %s failed to import: %s: %s%s"
                         % (stem, folder, type(error).__name__, error, hint)) from error


def _json_tasks(folder):
    tasks_dir = os.path.join(folder, "tasks")
    if not os.path.isdir(tasks_dir):
        return
    for file_name in sorted(os.listdir(tasks_dir)):
        if not file_name.endswith(".json"):
            continue
        path = os.path.join(tasks_dir, file_name)
        data = _read_json(path)
        if isinstance(data, dict) and "tasks" in data:
            data = data["tasks"]
        items = data if isinstance(data, list) else [data]
        for index, raw in enumerate(items):
            source = "%s (task %d)" % (os.path.relpath(path, folder), index + 1)
            if not isinstance(raw, dict):
                raise SuiteError("%s: a task must be a JSON object" % source)
            yield source, raw


def _python_tasks(package, folder):
    module = _optional_module(package, folder, "tasks")
    if module is None:
        return
    if hasattr(module, "tasks") and callable(module.tasks):
        produced = module.tasks()
    elif hasattr(module, "TASKS"):
        produced = module.TASKS
    else:
        raise SuiteError("tasks.py of %s defines neither tasks() nor TASKS" % folder)
    for index, raw in enumerate(produced):
        source = "tasks.py (task %d)" % (index + 1)
        if not isinstance(raw, dict):
            raise SuiteError("%s: tasks() must yield dicts, got %s" % (source, type(raw).__name__))
        yield source, raw


class _Context:
    """What a task refers to by name: the suite's tools, references and checks."""

    def __init__(self, folder, tools_module, reference_module, checks_module, max_turns, comparison_defaults):
        self.comparison_defaults = comparison_defaults
        self.folder = folder
        self.tools_module = tools_module
        self.reference_module = reference_module
        self.checks_module = checks_module
        self.max_turns = max_turns
        self.module_tools = Tool.all_in(tools_module) if tools_module else {}

    def task(self, raw, source):
        task_id = raw.get("id")
        if not isinstance(task_id, str) or not task_id.strip():
            raise SuiteError("%s: every task needs an \"id\" (text)" % source)
        where = "%s, task %r" % (source, task_id)
        instruction = raw.get("instruction")
        if not isinstance(instruction, str) or not instruction.strip():
            raise SuiteError("%s: \"instruction\" is missing" % where)
        task_class = raw.get("class", "multi-tool")
        if task_class not in TASK_CLASSES:
            raise SuiteError("%s: \"class\" must be one of %s, not %r" % (where, ", ".join(TASK_CLASSES), task_class))
        if "answer" not in raw:
            raise SuiteError("%s: \"answer\" (the expected answer) is missing" % where)
        try:
            comparison = Comparison.from_task(dict(self.comparison_defaults, **raw),
                                              self._predicate(raw.get("predicate"), where))
        except ValueError as error:
            raise SuiteError("%s: %s" % (where, error)) from None
        max_turns = raw.get("max_turns", self.max_turns)
        if not isinstance(max_turns, int) or max_turns < 1:
            raise SuiteError("%s: \"max_turns\" must be a positive whole number" % where)
        return Task(task_id, raw.get("title") or task_id, instruction, task_class,
                    self._tools(raw.get("tools"), where), comparison, max_turns,
                    self._reference(raw.get("reference"), task_id, where))

    def _tools(self, spec, where):
        if spec is None:
            if not self.module_tools:
                raise SuiteError("%s: \"tools\" is missing and the suite has no tools.py" % where)
            return dict(self.module_tools)
        if isinstance(spec, dict):
            entries = list(spec.items())
        elif isinstance(spec, (list, tuple)):
            entries = [(None, item) for item in spec]
        else:
            raise SuiteError("%s: \"tools\" must be a list or a mapping" % where)
        tools = {}
        for name, item in entries:
            tool = self._tool(name, item, where)
            tools[tool.name] = tool
        if not tools:
            raise SuiteError("%s: a task needs at least one tool" % where)
        return tools

    def _tool(self, name, item, where):
        if isinstance(item, str):
            if item not in self.module_tools:
                known = ", ".join(sorted(self.module_tools)) or "none: the suite has no tools.py"
                raise SuiteError("%s: unknown tool %r (tools.py defines %s)" % (where, item, known))
            tool = self.module_tools[item]
            return tool if name is None or name == item else tool.renamed(name)
        try:
            return Tool.from_spec(name, item)
        except ValueError as error:
            raise SuiteError("%s: %s" % (where, error)) from None

    def _reference(self, spec, task_id, where):
        if callable(spec):
            return spec
        if spec is not None and not isinstance(spec, str):
            raise SuiteError("%s: \"reference\" must name a function of reference.py" % where)
        name = spec or re.sub(r"\W", "_", task_id)
        found = getattr(self.reference_module, name, None) if self.reference_module else None
        if spec and not callable(found):
            raise SuiteError("%s: reference.py has no function %r" % (where, spec))
        return found if callable(found) else None

    def _predicate(self, spec, where):
        if spec is None or callable(spec):
            return spec
        if not isinstance(spec, str):
            raise SuiteError("%s: \"predicate\" must be a function name or a lambda" % where)
        text = spec.strip()
        if text.startswith("lambda"):
            try:
                return eval(text, {"__builtins__": __builtins__})  # the suite author's own code
            except SyntaxError as error:
                raise SuiteError("%s: the predicate does not parse: %s" % (where, error)) from None
        module_name, _, function_name = text.rpartition(".")
        if module_name not in ("", "checks") or self.checks_module is None:
            raise SuiteError("%s: predicate %r must be a lambda or checks.<name> with a checks.py" % (where, spec))
        found = getattr(self.checks_module, function_name, None)
        if not callable(found):
            raise SuiteError("%s: checks.py has no function %r" % (where, function_name))
        return found
