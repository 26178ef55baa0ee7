"""What a faithful M3ToolEval run needs, with small fixture suites of our own: fresh tool state per run,
true signatures, variadic calls in every mode, declared comparisons, and the paper's protocol."""
import json
import os
import sys
import tempfile
import textwrap
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "main", "resources",
                                "studio", "codeact", "bench", "python"))

from codeact_bench import harness, m3protocol  # noqa: E402
from codeact_bench.calls import call_json, call_text  # noqa: E402
from codeact_bench.suite import load  # noqa: E402
from codeact_bench.tooling import Tool  # noqa: E402

BROWSER_TOOLS = '''
_state = {"page": "/"}


def click(url: str) -> str:
    """Opens a page."""
    _state["page"] = url
    return "opened " + url


def current() -> str:
    """The page shown."""
    return _state["page"]
'''

# An M3ToolEval-shaped checkout of our own: a "tasks" package outside the suite folder, with a browser
# made once per task object, a declared signature that is not the function's, a variadic tool, and
# a checker that compares str() forms (so a dict answer written as JSON fails it).
FAKE_CHECKOUT = {
    "scripts/eval/m3tooleval/tasks/__init__.py": '''
        from collections import namedtuple
        ToolType = namedtuple("ToolType", ["name", "description", "function", "fn_signature"])

        class Browser:
            def __init__(self):
                self.page = "/"
            def click_url(self, url):
                self.page = url
                return "[Opened page: %s]" % url
            def view(self):
                return "[Web Page Name: %s]" % self.page

        def shout(s):
            return s.upper()

        def smallest(*args):
            return min(args)

        class Task:
            def __init__(self, name, instruction, expected, single=False):
                browser = Browser()
                self.name, self.instruction, self.expected_output = name, instruction, expected
                self.is_single_tool_task = single
                self.tools = {
                    "click_url": ToolType("click_url", "Clicks.\\nArguments: url (str).\\n", browser.click_url, "click_url(url: str) -> str"),
                    "view": ToolType("view", "Shows the page.", browser.view, "view() -> str"),
                    "shout": ToolType("shout", "Upper-cases. Arguments: string (str)", shout, "shout(string: str) -> str"),
                    "smallest": ToolType("smallest", "Smallest of the arguments.", smallest, "smallest(*args: float) -> float"),
                    "min": ToolType("min", "Builtin min.", min, "min(*args: float) -> float"),
                }

            def check_answer(self, answer):
                return str(answer) == str(self.expected_output)

        TASKS = [
            Task("web/page", "Which page is shown at first?", "/"),
            Task("web/counts", "Count them.", {"A": 2, "T": 1}),
            Task("web/price", "Find the price. Answer in the format of 'xx.xx' (e.g., 12.34).", 237.942),
            Task("web/word", "Shout 'quiet'.", "QUIET"),
        ]

        def get_task_iterator():
            return iter(TASKS)
    ''',
}


def write(files, folder=None):
    folder = folder or tempfile.mkdtemp(prefix="bench-fidelity-")
    for name, text in files.items():
        path = os.path.join(folder, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text if isinstance(text, str) else json.dumps(text))
    return folder


def fake_m3_suite():
    root = tempfile.mkdtemp(prefix="bench-m3-")
    write({name: textwrap.dedent(text) for name, text in FAKE_CHECKOUT.items()}, os.path.join(root, "code-act"))
    return write({"tasks.py": textwrap.dedent('''
        import os
        from codeact_bench.m3tooleval import tasks_from

        def tasks():
            return tasks_from(os.path.join(os.path.dirname(__file__), "..", "code-act"))
    ''')}, os.path.join(root, "suite"))


class FreshToolState(unittest.TestCase):
    def test_a_suites_own_module_state_does_not_leak_into_the_next_run(self):
        folder = write({"tools.py": BROWSER_TOOLS,
                        "tasks/a.json": {"id": "where", "instruction": "Which page?", "answer": "/",
                                         "tools": ["click", "current"]}})
        first = harness.fresh(folder).task("where")
        first.tools["click"].function("/about")
        self.assertEqual(first.tools["current"].function(), "/about")
        second = harness.fresh(folder).task("where")
        self.assertEqual(second.tools["current"].function(), "/")

    def test_a_checkout_outside_the_suite_is_imported_anew_for_every_run(self):
        folder = fake_m3_suite()
        json.loads(repr(harness.prepare(folder, "web/page", namespace={})))
        harness.call_json(folder, "web/page", '{"name": "click_url", "arguments": ["/about"]}')
        self.assertIn("/about", json.loads(repr(harness.call_json(folder, "web/page", '{"name": "view"}')))["observation"])
        harness.prepare(folder, "web/page", namespace={})
        self.assertEqual(json.loads(repr(harness.call_json(folder, "web/page", '{"name": "view"}')))["observation"],
                         "[Web Page Name: /]")


class Signatures(unittest.TestCase):
    def test_the_prompt_shows_what_calls_are_checked_against(self):
        suite = harness.fresh(fake_m3_suite())
        tools = suite.describe()["tools"]
        self.assertEqual(tools["shout"]["signature"], "shout(s)")
        self.assertEqual(tools["shout"]["mismatch"], "declared shout(string: str) -> str, but the function is shout(s)")
        self.assertEqual(tools["click_url"]["signature"], "click_url(url: str) -> str")
        self.assertIsNone(tools["click_url"]["mismatch"])
        self.assertEqual(tools["min"]["signature"], "min(*args: float) -> float")
        self.assertEqual(tools["click_url"]["full_description"], "Clicks.\nArguments: url (str).")

    def test_an_error_names_the_signature_it_checked(self):
        tools = {"shout": Tool("shout", lambda s: s.upper(), "Shouts.", "shout(string: str) -> str")}
        outcome = call_json(tools, '{"name": "shout", "arguments": {"string": "x"}}')
        self.assertIn("no parameter 'string'. Its signature: shout(s)", outcome.observation)


class VariadicCalls(unittest.TestCase):
    def setUp(self):
        def smallest(*args):
            return min(args)

        def book(location: str, *preferences: str):
            return [location, list(preferences)]

        def total(values: list):
            return sum(values)

        self.tools = {tool.name: tool for tool in (Tool.of(smallest), Tool.of(book), Tool.of(total),
                                                   Tool("min", min, "Builtin.", "min(*args: float) -> float"))}

    def test_json_arguments_may_be_a_list_in_order(self):
        self.assertEqual(call_json(self.tools, '{"name": "smallest", "arguments": [3, 1, 2]}').observation, "1")
        self.assertEqual(call_json(self.tools, '{"name": "book", "arguments": ["A", "wifi", "pool"]}').observation,
                         '["A", ["wifi", "pool"]]')

    def test_a_list_named_for_star_args_is_spread(self):
        self.assertEqual(call_json(self.tools, '{"name": "smallest", "arguments": {"args": [3, 1, 2]}}').observation, "1")
        self.assertEqual(call_json(self.tools, '{"name": "book", "arguments": {"location": "A", "preferences": ["gym"]}}')
                         .observation, '["A", ["gym"]]')

    def test_builtins_without_a_signature_take_positional_and_named_star_args(self):
        self.assertEqual(call_json(self.tools, '{"name": "min", "arguments": [4, 2]}').observation, "2")
        self.assertEqual(call_json(self.tools, '{"name": "min", "arguments": {"args": [4, 2]}}').observation, "2")

    def test_text_mode_takes_a_json_list_and_a_single_list_argument_still_fits(self):
        self.assertEqual(call_text(self.tools, "smallest", "[5, 4]").observation, "4")
        self.assertEqual(call_text(self.tools, "min", "7, 3").observation, "3")
        self.assertEqual(call_text(self.tools, "total", "[1, 2, 3]").observation, "6")
        self.assertEqual(call_json(self.tools, '{"name": "total", "arguments": [1, 2, 3]}').observation, "6")


class DeclaredComparisons(unittest.TestCase):
    def score(self, folder, task_id, text):
        return json.loads(repr(harness.score(folder, task_id, text)))

    def test_the_adapter_grades_with_the_papers_checker_and_a_declared_fallback(self):
        folder = fake_m3_suite()
        harness.fresh(folder)
        self.assertEqual(self.score(folder, "web/page", "/")["graded_by"], "M3ToolEval check_answer")
        counts = self.score(folder, "web/counts", '{"T": 1, "A": 2}')
        self.assertTrue(counts["success"])
        self.assertTrue(counts["graded_by"].startswith("value (case-sensitive"))
        price = self.score(folder, "web/price", "237.94")
        self.assertEqual((price["success"], price["graded_by"]), (True, "number (tolerance 0.005)"))
        self.assertFalse(self.score(folder, "web/price", "237.95")["success"])
        wrong = self.score(folder, "web/word", "quiet")
        self.assertFalse(wrong["success"])
        self.assertEqual(wrong["expected"], "'QUIET'")
        self.assertEqual(wrong["graded_by"], "M3ToolEval check_answer")

    def test_every_expected_answer_passes_its_own_comparisons(self):
        folder = fake_m3_suite()
        suite = harness.fresh(folder)
        self.assertTrue(all(harness.check(task)["ok"] for task in suite.tasks.values()))

    def test_a_suite_declares_case_sensitivity_and_tolerance_for_its_tasks(self):
        folder = write({"tools.py": BROWSER_TOOLS,
                        "suite.json": {"case_sensitive": True, "tolerance": 0.01},
                        "tasks/a.json": [{"id": "word", "instruction": "?", "answer": "Hello", "tools": ["current"]},
                                         {"id": "num", "instruction": "?", "answer": 2.345, "tools": ["current"]},
                                         {"id": "loose", "instruction": "?", "answer": "Hello", "tools": ["current"],
                                          "case_sensitive": False}]})
        harness.fresh(folder)
        word = self.score(folder, "word", "HELLO")
        self.assertEqual((word["success"], word["graded_by"], word["expected"]), (False, "exact (case-sensitive)", "'Hello'"))
        self.assertTrue(self.score(folder, "num", "2.34")["success"])
        self.assertTrue(self.score(folder, "loose", "HELLO")["success"])


class PapersProtocol(unittest.TestCase):
    def setUp(self):
        self.folder = fake_m3_suite()
        self.suite = harness.fresh(self.folder)

    def test_a_reply_is_cut_before_its_second_action(self):
        reply = m3protocol.trim("Thought: go.\nAction: view End Action\nObservation: made up\nAction: view End Action")
        self.assertEqual(reply, "Thought: go.\nAction: view End Action")

    def test_text_and_json_actions_call_the_tool_with_arguments_in_order(self):
        task = self.suite.task("web/page")
        text = m3protocol.turn(task, "text", "Action: smallest, 3, 1.5, 2 End Action")
        self.assertEqual((text["type"], text["observation"]), ("action", "1.5"))
        json_turn = m3protocol.turn(task, "json", 'Action: {"tool": "shout", "args": ["hi"]} End Action')
        self.assertEqual(json_turn["observation"], "HI")
        failed = m3protocol.turn(task, "json", 'Action: {"tool": "shout", "args": [1]} End Action')
        self.assertEqual(failed["observation"], "Failed to execute tool shout with args [1]. "
                                                "Did you try to invoke more than one tool at a time?")
        self.assertTrue(m3protocol.turn(task, "json", "Action: nope End Action")["observation"].startswith("Invalid action."))

    def test_answers_are_checked_and_a_wrong_one_is_told_so(self):
        task = self.suite.task("web/word")
        right = m3protocol.turn(task, "text", "Answer: QUIET")
        self.assertTrue(right["correct"])
        wrong = m3protocol.turn(task, "text", "Answer: quiet")
        self.assertFalse(wrong["correct"])
        self.assertTrue(wrong["observation"].startswith("Your answer is incorrect. Please try again."))
        neither = m3protocol.turn(task, "text", "I think it is quiet.")
        self.assertEqual((neither["type"], neither["observation"]), ("invalid", m3protocol.NEITHER))
        cut = m3protocol.turn(task, "text", "Action: view End Action\nAnswer: QUIET")
        self.assertEqual((cut["type"], cut["reply"]), ("action", "Action: view End Action"))

    def test_a_code_action_that_prints_nothing_is_asked_whether_it_forgot_to_print(self):
        task = self.suite.task("web/page")
        self.assertEqual(m3protocol.code_observation(task, "")["observation"], m3protocol.NO_OUTPUT)
        self.assertEqual(m3protocol.code_observation(task, "Out[3]: [1, 2]\n")["observation"], "[1, 2]")


if __name__ == "__main__":
    unittest.main()
