"""Tool calls of the json and text modes: validation and observations (run by BenchPythonTest)."""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "main", "resources",
                                "studio", "codeact", "bench", "python"))

from codeact_bench.calls import call_json, call_text
from codeact_bench.tooling import Tool


def add_days(date: str, days: int) -> str:
    """The date that many days later."""
    return "%s+%d" % (date, days)


def total(values: list, scale: float = 1.0) -> float:
    """Sum of the values, scaled."""
    return sum(values) * scale


def broken(name: str) -> str:
    """Always fails."""
    raise KeyError("no such thing: %s" % name)


TOOLS = {tool.name: tool for tool in map(Tool.of, (add_days, total, broken))}


class JsonCalls(unittest.TestCase):
    def test_a_valid_call_runs_the_function(self):
        outcome = call_json(TOOLS, '{"name": "add_days", "arguments": {"date": "2024-01-01", "days": 3}}')
        self.assertTrue(outcome.ok)
        self.assertEqual(outcome.observation, "2024-01-01+3")

    def test_malformed_json_says_where_and_shows_the_format(self):
        outcome = call_json(TOOLS, '{"name": "add_days", "arguments": {"date": "2024-01-01" "days": 3}}')
        self.assertFalse(outcome.ok)
        self.assertIn("not valid JSON", outcome.observation)
        self.assertIn("column", outcome.observation)
        self.assertIn('{"name": "tool_name", "arguments"', outcome.observation)

    def test_unknown_tool_lists_the_tools_and_suggests_a_close_name(self):
        outcome = call_json(TOOLS, '{"name": "add_day", "arguments": {}}')
        self.assertFalse(outcome.ok)
        self.assertIn("no tool named 'add_day'", outcome.observation)
        self.assertIn("Did you mean add_days?", outcome.observation)

    def test_missing_and_unknown_parameters_show_the_signature(self):
        missing = call_json(TOOLS, '{"name": "add_days", "arguments": {"date": "2024-01-01"}}')
        self.assertIn("missing a required argument: 'days'", missing.observation)
        self.assertIn("add_days(date: str, days: int) -> str", missing.observation)
        unknown = call_json(TOOLS, '{"name": "add_days", "arguments": {"date": "x", "days": 1, "when": 2}}')
        self.assertIn("no parameter 'when'", unknown.observation)

    def test_wrong_types_are_refused_and_lossless_ones_converted(self):
        wrong = call_json(TOOLS, '{"name": "add_days", "arguments": {"date": "x", "days": "three"}}')
        self.assertFalse(wrong.ok)
        self.assertIn("expected int, got str 'three'", wrong.observation)
        converted = call_json(TOOLS, '{"name": "add_days", "arguments": {"date": "x", "days": 3.0}}')
        self.assertEqual(converted.observation, "x+3")

    def test_a_tool_error_is_an_observation(self):
        outcome = call_json(TOOLS, '{"name": "broken", "arguments": {"name": "y"}}')
        self.assertFalse(outcome.ok)
        self.assertIn("broken(name='y') failed: KeyError", outcome.observation)

    def test_results_are_json(self):
        outcome = call_json(TOOLS, '{"name": "total", "arguments": {"values": [1, 2], "scale": 2}}')
        self.assertEqual(outcome.observation, "6.0")


class TextCalls(unittest.TestCase):
    def test_json_object_input(self):
        self.assertEqual(call_text(TOOLS, "add_days", '{"date": "d", "days": 2}').observation, "d+2")

    def test_key_value_input(self):
        self.assertEqual(call_text(TOOLS, "add_days", 'date="d", days=2').observation, "d+2")

    def test_positional_input(self):
        self.assertEqual(call_text(TOOLS, "add_days", "d, 2").observation, "d+2")
        self.assertEqual(call_text(TOOLS, "total", "[1, 2, 3], 0.5").observation, "3.0")

    def test_call_syntax_in_the_action_line(self):
        self.assertEqual(call_text(TOOLS, 'add_days("d", 5)', "").observation, "d+5")

    def test_a_sentence_instead_of_a_tool_name_is_explained(self):
        outcome = call_text(TOOLS, "I will add days", "")
        self.assertFalse(outcome.ok)
        self.assertIn("tool name only", outcome.observation)


if __name__ == "__main__":
    unittest.main()
