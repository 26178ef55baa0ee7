"""Reading suites: task files, a tasks.py module, and the mistakes a suite author can make."""
import json
import os
import sys
import tempfile
import textwrap
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "main", "resources",
                                "studio", "codeact", "bench", "python"))

from codeact_bench.harness import check  # noqa: E402
from codeact_bench.suite import SuiteError, load  # noqa: E402

TOOLS = '''
def double(x: float) -> float:
    """Twice x."""
    return 2 * x


def offset(x: float, by: float = 1.0) -> float:
    """x plus by."""
    return x + by


def _helper():
    return None
'''

REFERENCE = '''
def twice_plus_one(t):
    return t.offset(t.double(4))


def just_double(t):
    return t.double(4)
'''


def write_suite(files):
    folder = tempfile.mkdtemp(prefix="bench-suite-")
    for name, text in files.items():
        path = os.path.join(folder, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text if isinstance(text, str) else json.dumps(text))
    return folder


def task(**fields):
    base = {"id": "twice-plus-one", "instruction": "Double 4, then add 1.", "tools": ["double", "offset"],
            "answer": 9, "compare": "number"}
    base.update(fields)
    return base


class FolderSuites(unittest.TestCase):
    def test_reads_tasks_tools_and_references(self):
        folder = write_suite({"tools.py": TOOLS, "reference.py": REFERENCE,
                              "suite.json": {"name": "tiny", "max_turns": 7},
                              "tasks/a.json": {"tasks": [task(), task(id="just-double", answer=8, tools=["double"],
                                                                      **{"class": "atomic"})]}})
        suite = load(folder)
        self.assertEqual(suite.name, "tiny")
        self.assertEqual(list(suite.tasks), ["twice-plus-one", "just-double"])
        described = suite.describe()
        self.assertEqual(described["tools"]["offset"]["signature"], "offset(x: float, by: float = 1.0) -> float")
        self.assertEqual(described["tools"]["double"]["description"], "Twice x.")
        self.assertNotIn("_helper", described["tools"])
        self.assertEqual(suite.task("twice-plus-one").max_turns, 7)
        self.assertTrue(all(check(t)["ok"] for t in suite.tasks.values()))

    def test_check_counts_calls_against_the_class(self):
        folder = write_suite({"tools.py": TOOLS, "reference.py": REFERENCE,
                              "tasks/a.json": task(id="just-double", answer=8, tools=["double"])})
        verdict = check(load(folder).task("just-double"))
        self.assertFalse(verdict["ok"])
        self.assertIn("two or more tool calls; the reference made 1", verdict["detail"])

    def test_a_reference_may_only_use_the_tasks_tools(self):
        folder = write_suite({"tools.py": TOOLS, "reference.py": REFERENCE,
                              "tasks/a.json": task(tools=["double"])})
        verdict = check(load(folder).task("twice-plus-one"))
        self.assertFalse(verdict["ok"])
        self.assertIn("'offset' is not among this task's tools", verdict["detail"])

    def test_a_wrong_expected_answer_is_caught(self):
        folder = write_suite({"tools.py": TOOLS, "reference.py": REFERENCE, "tasks/a.json": task(answer=10)})
        verdict = check(load(folder).task("twice-plus-one"))
        self.assertFalse(verdict["ok"])
        self.assertIn("the reference answer fails the checker", verdict["detail"])

    def test_mistakes_name_the_file_and_the_field(self):
        cases = [
            ({"tasks/a.json": task(tools=["triple"])}, "unknown tool 'triple'"),
            ({"tasks/a.json": {k: v for k, v in task().items() if k != "answer"}}, "\"answer\""),
            ({"tasks/a.json": task(compare="fuzzy")}, "\"compare\" must be one of"),
            ({"tasks/a.json": task(**{"class": "single"})}, "\"class\" must be one of"),
            ({"tasks/a.json": [task(), task()]}, "used twice"),
            ({"tasks/a.json": "{not json"}, "is not valid JSON"),
        ]
        for files, message in cases:
            with self.subTest(message=message):
                folder = write_suite(dict({"tools.py": TOOLS}, **files))
                with self.assertRaises(SuiteError) as raised:
                    load(folder)
                self.assertIn(message, str(raised.exception))


class ModuleSuites(unittest.TestCase):
    def test_tasks_py_yields_tasks_with_tool_objects_and_checks(self):
        # The shape of an M3ToolEval task: tools are (name, description, function, fn_signature) tuples.
        tasks_py = textwrap.dedent('''
            from collections import namedtuple

            ToolType = namedtuple("ToolType", ["name", "description", "function", "fn_signature"])

            def add(a, b):
                return a + b

            TOOLS = {"add": ToolType("add", "Adds two numbers.", add, "add(a: float, b: float) -> float")}

            def tasks():
                yield {"id": "m3/add-twice", "instruction": "Add 1 and 2, then add 3.", "tools": TOOLS,
                       "answer": 6, "predicate": lambda text: text.strip() == "6", "predicate_input": "text",
                       "reference": lambda t: t.add(t.add(1, 2), 3)}
        ''')
        suite = load(write_suite({"tasks.py": tasks_py}))
        only = suite.task("m3/add-twice")
        self.assertEqual(only.tools["add"].signature_text, "add(a: float, b: float) -> float")
        self.assertEqual(only.comparison.kind, "predicate")
        verdict = check(only)
        self.assertTrue(verdict["ok"], verdict["detail"])
        self.assertEqual(verdict["calls"], 2)


if __name__ == "__main__":
    unittest.main()
