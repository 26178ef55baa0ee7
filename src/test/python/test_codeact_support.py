"""Tests of codeact_support.py, the helpers both engines load (run with /usr/bin/python3 -m unittest)."""
import json
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "main", "resources", "studio", "codeact", "engine"))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

import codeact_support as support  # noqa: E402


class VariablesTest(unittest.TestCase):

    def test_lists_user_values_and_hides_modules_functions_and_ipython_names(self):
        ns = {"df": pd.DataFrame({"a": [1, 2]}), "n": 3, "np": np, "f": lambda: 1,
              "_private": 1, "In": [], "Out": {}}
        names = [v["name"] for v in support.variables(ns)]
        self.assertEqual(names, ["df", "n"])

    def test_describes_shape_memory_and_summary(self):
        ns = {"df": pd.DataFrame({"a": [1, 2, 3], "b": ["x", "y", "z"]}), "items": [1, 2]}
        found = {v["name"]: v for v in support.variables(ns)}
        self.assertEqual(found["df"]["shape"], "3 \u00d7 2")
        self.assertEqual(found["df"]["summary"], "columns: a, b")
        self.assertGreater(found["df"]["bytes"], 0)
        self.assertEqual(found["items"]["shape"], "len 2")

    def test_a_value_whose_repr_fails_is_still_listed(self):
        class Broken:
            def __repr__(self):
                raise RuntimeError("no")
        found = support.variables({"b": Broken()})
        self.assertIn("repr failed", found[0]["summary"])


class TablePageTest(unittest.TestCase):

    def setUp(self):
        self.ns = {"mixed": pd.DataFrame({
            "i": [3, 1, 2],
            "f": [1.5, np.nan, 2.5],
            "s": ["a", None, "c"],
            "d": pd.to_datetime(["2024-01-01", None, "2024-01-03"]),
            "c": pd.Categorical(["x", "y", "x"]),
            "b": [True, False, True],
            "ni": pd.array([1, None, 3], dtype="Int64"),
        })}

    def test_pages_carry_typed_columns_as_json(self):
        page = support.table_page("mixed", 0, 10, namespace=self.ns)
        json.dumps(page, allow_nan=False)  # must be strict JSON
        kinds = {c["name"]: c["kind"] for c in page["columns"]}
        self.assertEqual(kinds, {"i": "ints", "f": "floats", "s": "texts", "d": "datetimes",
                                 "c": "texts", "b": "bools", "ni": "floats"})
        values = {c["name"]: c["values"] for c in page["columns"]}
        self.assertEqual(values["f"], [1.5, None, 2.5])
        self.assertEqual(values["d"][1], -2 ** 63)
        self.assertEqual(values["ni"], [1.0, None, 3.0])

    def test_sorting_happens_before_paging(self):
        page = support.table_page("mixed", 0, 2, sort="i", ascending=False, namespace=self.ns)
        self.assertEqual(page["index"], ["0", "2"])
        self.assertEqual(page["total"], 3)

    def test_wrong_names_say_what_is_wrong(self):
        with self.assertRaisesRegex(ValueError, "no variable named 'nope'"):
            support.table_page("nope", 0, 1, namespace=self.ns)
        with self.assertRaisesRegex(ValueError, "not a DataFrame"):
            support.table_page("x", 0, 1, namespace={"x": 5})
        with self.assertRaisesRegex(ValueError, "no column 'zz'"):
            support.table_page("mixed", 0, 1, sort="zz", namespace=self.ns)

    def test_json_text_repr_is_raw_json(self):
        self.assertEqual(repr(support.JsonText({"a": [1, None]})), '{"a": [1, null]}')


class InsideIPythonTest(unittest.TestCase):

    def test_finds_the_running_shell_namespace_without_being_told(self):
        from IPython.core.interactiveshell import InteractiveShell
        shell = InteractiveShell.instance()
        shell.run_cell("inside_frame = __import__('pandas').DataFrame({'a': [1, 2]})", store_history=False)
        names = [v["name"] for v in support.variables()]
        self.assertIn("inside_frame", names)
        self.assertEqual(support.table_page("inside_frame", 0, 5)["total"], 2)


class CallHelperTest(unittest.TestCase):

    def test_runs_a_helper_privately_and_prints_its_json_result_behind_the_marker(self):
        import contextlib
        import io
        source = "HELPER_STATE = 1\ndef count(column, user_ns):\n    return {'rows': len(user_ns['frame'][column])}\n"
        user_ns = {"frame": pd.DataFrame({"a": [1, 2, 3]})}
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            support.call_helper("helper", source, "helper.py", "count", json.dumps(["a"]), "@@", user_ns)
        self.assertEqual(printed.getvalue(), '@@{"rows": 3}\n')
        self.assertNotIn("HELPER_STATE", user_ns)
        self.assertEqual(list(user_ns), ["frame"])


if __name__ == "__main__":
    unittest.main()
