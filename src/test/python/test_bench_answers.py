"""Scoring answers: the comparisons a task can ask for (run by BenchPythonTest)."""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "main", "resources",
                                "studio", "codeact", "bench", "python"))

from codeact_bench.answers import Comparison, as_number, clean, parse


def compare(kind, expected, text, **options):
    return Comparison(kind, expected, **options).check(text)[0]


class NumbersCompareByValue(unittest.TestCase):
    def test_numeric_text_equals_the_number(self):
        self.assertTrue(compare("number", 237.94, "237.94"))
        self.assertTrue(compare("value", "237.94", "237.94"))
        self.assertTrue(compare("value", 237.94, '"237.94"'))

    def test_integer_and_float_forms_are_equal(self):
        self.assertTrue(compare("number", 36380, "36380.0"))
        self.assertTrue(compare("value", 36380.0, "36380"))

    def test_thousands_separators_currency_and_units_are_read(self):
        self.assertEqual(as_number("1,234.50"), 1234.5)
        self.assertEqual(as_number("$1234.5"), 1234.5)
        self.assertEqual(as_number("1234.5 EUR"), 1234.5)
        self.assertIsNone(as_number("between 3 and 4"))

    def test_tolerance_is_absolute(self):
        self.assertTrue(compare("number", 2.313, "2.3135", tolerance=0.001))
        self.assertFalse(compare("number", 2.313, "2.32", tolerance=0.001))

    def test_wrong_number_fails_with_a_reason(self):
        passed, detail = Comparison("number", 42, tolerance=0).check("41")
        self.assertFalse(passed)
        self.assertIn("expected 42", detail)


class StructuresCompareByContent(unittest.TestCase):
    def test_dicts_with_keys_in_another_order_are_equal(self):
        self.assertTrue(compare("value", {"a": 1, "b": "x"}, '{"b": "x", "a": 1.0}'))
        self.assertFalse(compare("value", {"a": 1, "b": "x"}, '{"a": 1}'))

    def test_lists_compare_in_order_with_tolerance(self):
        self.assertTrue(compare("value", ["BP-202", 95.94], "['BP-202', 95.941]", tolerance=0.01))
        self.assertFalse(compare("value", ["BP-202", 95.94], "[95.94, 'BP-202']", tolerance=0.01))

    def test_sets_ignore_order_case_and_brackets(self):
        self.assertTrue(compare("set", ["S02", "S05", "S08"], "S08, s02, S05"))
        self.assertTrue(compare("set", ["S02", "S05", "S08"], '["S05", "S02", "S08"]'))
        self.assertTrue(compare("set", ["S02", "S05"], "[S05, S02]"))
        self.assertFalse(compare("set", ["S02", "S05", "S08"], "S02, S05"))

    def test_sets_of_numbers_ignore_the_number_form(self):
        self.assertTrue(compare("set", [1, 2.5], "2.50, 1.0"))


class TextCompareLeniently(unittest.TestCase):
    def test_case_quotes_whitespace_and_final_full_stop_are_ignored(self):
        self.assertTrue(compare("exact", "Germany", " 'germany'. "))
        self.assertTrue(compare("exact", "Kumo Outdoor KK", "Kumo  Outdoor KK"))
        self.assertFalse(compare("exact", "Germany", "Germany, I think"))

    def test_case_sensitive_when_asked(self):
        self.assertFalse(compare("exact", "Germany", "germany", case_sensitive=True))

    def test_code_fences_are_removed(self):
        self.assertEqual(clean("```\n42\n```"), "42")
        self.assertEqual(clean("`[1, 2]`"), "[1, 2]")
        self.assertEqual(parse("[1, 2]"), [1, 2])


class PredicatesDecide(unittest.TestCase):
    def test_predicate_gets_the_parsed_value(self):
        self.assertTrue(compare("predicate", None, "[3, 1, 2]", predicate=lambda value: sorted(value) == [1, 2, 3]))

    def test_predicate_may_ask_for_the_text(self):
        self.assertTrue(compare("predicate", None, "abc", predicate=lambda text: text == "abc", predicate_input="text"))

    def test_a_predicate_that_raises_rejects_the_answer(self):
        passed, detail = Comparison("predicate", None, predicate=lambda value: value["x"]).check("7")
        self.assertFalse(passed)
        self.assertIn("raised TypeError", detail)


if __name__ == "__main__":
    unittest.main()
