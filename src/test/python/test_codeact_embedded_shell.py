"""codeact_embedded + codeact_shell: cells produce what ipykernel would send, per engine."""
import ctypes
import json
import os
import tempfile
import threading
import unittest

from embedded_harness import installed, send_interrupt

import codeact_embedded
import codeact_guard

ENGINE = 1


class ShellTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.java = installed()
        cls.folder = tempfile.mkdtemp(prefix="codeact-shell-test-")
        codeact_embedded.new_shell(ENGINE, cls.folder)

    @classmethod
    def tearDownClass(cls):
        codeact_embedded.dispose(ENGINE)

    def run_cell(self, code, engine=ENGINE, silent=False):
        self.java.take()
        ok, count = codeact_embedded.execute(engine, code, silent, True)
        return ok, count, self.java.take()

    def single(self, records, kind):
        found = [payload for name, payload in records if name == kind]
        self.assertEqual(len(found), 1, records)
        return found[0]

    def test_outputs_come_in_order_with_the_result_count(self):
        ok, count, records = self.run_cell(
            "import sys\nprint('first')\nprint('oops', file=sys.stderr)\n"
            "from IPython.display import display, HTML\ndisplay(HTML('<b>bold</b>'))\n40 + 2")
        self.assertEqual(ok, 1)
        self.assertEqual([name for name, _ in records], ["stdout", "stderr", "display", "result"])
        self.assertEqual(records[0][1], "first\n")
        self.assertIn("<b>bold</b>", records[2][1]["data"]["text/html"])
        self.assertEqual(records[3][1]["data"]["text/plain"], "42")
        self.assertEqual(records[3][1]["count"], count)

    def test_counts_go_up_and_silent_cells_have_none(self):
        _, first, _ = self.run_cell("'a'")
        _, silent, records = self.run_cell("hidden_value = 5\nhidden_value", silent=True)
        _, second, _ = self.run_cell("'b'")
        self.assertEqual((silent, records), (0, []))
        self.assertEqual(second, first + 1)

    def test_errors_are_plain_text_tracebacks(self):
        ok, _, records = self.run_cell("def divide(a, b):\n    return a / b\ndivide(1, 0)")
        self.assertEqual(ok, 0)
        error = self.single(records, "error")
        self.assertEqual((error["ename"], error["evalue"]), ("ZeroDivisionError", "division by zero"))
        text = "\n".join(error["traceback"])
        self.assertNotIn("\x1b[", text)
        self.assertIn("return a / b", text)
        self.assertIn("Cell In [", text)

    def test_a_syntax_error_is_an_error_record(self):
        ok, _, records = self.run_cell("x = (")
        self.assertEqual((ok, self.single(records, "error")["ename"]), (0, "SyntaxError"))

    def test_an_interrupt_shows_only_the_users_frames(self):
        timer = threading.Timer(0.2, send_interrupt, args=(self.java, codeact_guard.INTERRUPT))
        timer.start()
        ok, _, records = self.run_cell("kept = 'yes'\nimport time\ntime.sleep(30)")
        error = self.single(records, "error")
        self.assertEqual((ok, error["ename"]), (0, "KeyboardInterrupt"))
        self.assertFalse(any("codeact_" in chunk for chunk in error["traceback"]), error["traceback"])
        self.assertIn("time.sleep(30)", "\n".join(error["traceback"]))
        _, _, records = self.run_cell("kept")
        self.assertEqual(self.single(records, "result")["data"]["text/plain"], "'yes'")

    def test_an_interrupted_question_raises_once(self):
        def interrupted_answer():
            self.java.reason.reason = codeact_guard.INTERRUPT  # what Java does before cancelling the question
            return -2
        self.java.answers.append(interrupted_answer)
        ok, _, records = self.run_cell("input('name? ')")
        self.assertEqual((ok, [name for name, _ in records]), (0, ["error"]))
        self.assertEqual(records[0][1]["ename"], "KeyboardInterrupt")
        self.assertEqual(self.java.reason.reason, codeact_guard.NONE)

    def test_exit_calls_end_the_cell_with_a_clear_error(self):
        for code in ("exit()", "quit()", "import sys; sys.exit(1)", "import os; os._exit(0)", "import os; os.abort()",
                     "import os, signal; os.kill(os.getpid(), signal.SIGTERM)", "raise SystemExit"):
            ok, _, records = self.run_cell(code)
            error = self.single(records, "error")
            if code == "raise SystemExit":  # not an exit call: IPython's own behaviour
                self.assertEqual(error["ename"], "SystemExit")
                continue
            self.assertEqual((ok, error["ename"], error["evalue"]), (0, "ExitNotAllowed", codeact_guard.MESSAGE), code)
            self.assertEqual(error["traceback"], ["ExitNotAllowed: " + codeact_guard.MESSAGE + "\n"], code)
            self.assertEqual([name for name, _ in records], ["error"], code)

    def test_input_is_refused_or_answered(self):
        ok, _, records = self.run_cell("answer = input('name? ')")
        error = self.single(records, "error")
        self.assertEqual((ok, error["ename"]), (0, "StdinNotImplementedError"))
        self.java.answers.append("Ada")
        ok, _, records = self.run_cell("print('hello', input('name? '))")
        self.assertEqual((ok, records), (1, [("stdout", "hello Ada\n")]))

    def test_data_frames_carry_their_table_schema(self):
        ok, _, records = self.run_cell("import pandas as pd\npd.DataFrame({'region': ['north'], 'sales': [20.25]})")
        data = self.single(records, "result")["data"]
        self.assertIn("application/vnd.dataresource+json", data)
        self.assertEqual(data["application/vnd.dataresource+json"]["data"][0]["region"], "north")
        self.assertIn("<table", data["text/html"])

    def test_figures_are_inline_pngs(self):
        ok, _, records = self.run_cell("import matplotlib.pyplot as plt\nplt.plot([1, 2, 3])\nplt.show()")
        display = self.single(records, "display")
        self.assertTrue(display["data"]["image/png"].startswith("iVBOR"))
        self.assertIn("Figure", display["data"]["text/plain"])

    def test_a_figure_left_open_is_shown_at_the_end(self):
        ok, _, records = self.run_cell("import matplotlib.pyplot as plt\nplt.plot([3, 1])")
        self.assertEqual(ok, 1)
        self.assertTrue(any(name == "display" and "image/png" in payload["data"] for name, payload in records))

    def test_a_forked_child_writes_to_its_file_descriptors_not_to_java(self):
        read_end, write_end = os.pipe()
        ok, _, records = self.run_cell(
            "import os, sys\npid = os.fork()\n"
            "if pid == 0:\n    os.dup2(%d, 1)\n    print('from the child', flush=True)\n    os._exit(0)\n"
            "os.waitpid(pid, 0)\nprint('from the parent')" % write_end)
        os.close(write_end)
        with os.fdopen(read_end) as pipe:
            self.assertEqual(pipe.read(), "from the child\n")
        self.assertEqual((ok, records), (1, [("stdout", "from the parent\n")]))

    def test_completion_and_inspection(self):
        self.run_cell("completion_target_value = 1")
        code = "completion_target_v"
        found = json.loads(codeact_embedded.complete(ENGINE, code, len(code)))
        self.assertIn("completion_target_value", [code[:found["start"]] + m for m in found["matches"]])
        inspected = json.loads(codeact_embedded.inspect(ENGINE, "len(", 3, 0))
        self.assertTrue(inspected["found"])
        self.assertIn("Return the number of items", inspected["data"]["text/plain"])
        self.assertNotIn("\x1b[", inspected["data"]["text/plain"])
        self.assertFalse(json.loads(codeact_embedded.inspect(ENGINE, "no_such_name_here", 5, 0))["found"])

    def test_variables_are_the_users_only(self):
        self.run_cell("import os\nlisted_number = 12\ndef listed_function(): pass")
        names = [v["name"] for v in json.loads(codeact_embedded.variables(ENGINE))]
        self.assertIn("listed_number", names)
        for hidden in ("os", "listed_function", "In", "Out", "get_ipython", "exit", "quit"):
            self.assertNotIn(hidden, names)

    def test_cells_run_in_the_working_folder_and_the_process_goes_home_after(self):
        home = os.getcwd()
        _, _, records = self.run_cell("import os; os.getcwd()")
        self.assertEqual(self.single(records, "result")["data"]["text/plain"], repr(os.path.realpath(self.folder)))
        self.assertEqual(os.getcwd(), home)
        elsewhere = tempfile.mkdtemp(prefix="codeact-moved-")
        self.run_cell("os.chdir(%r)" % elsewhere)
        self.assertEqual(os.getcwd(), home)
        _, _, records = self.run_cell("os.getcwd()")
        self.assertEqual(self.single(records, "result")["data"]["text/plain"], repr(elsewhere))
        self.run_cell("os.chdir(%r)" % self.folder)

    def test_memory_error_frees_the_cells_locals(self):
        self.run_cell("import gc, weakref\nclass Big: pass\nbig_ref = None")
        ok, _, records = self.run_cell(
            "def grow():\n    global big_ref\n    big = Big()\n    big_ref = weakref.ref(big)\n    raise MemoryError('too much')\ngrow()")
        self.assertEqual(self.single(records, "error")["ename"], "MemoryError")
        _, _, records = self.run_cell("big_ref() is None")
        self.assertEqual(self.single(records, "result")["data"]["text/plain"], "True")


class TablePageTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.java = installed()
        codeact_embedded.new_shell(ENGINE + 10, tempfile.gettempdir())
        codeact_embedded.execute(ENGINE + 10, """
import pandas as pd, numpy as np
mixed = pd.DataFrame({
    'count': [10, 20, 30, 40],
    'price': [1.5, np.nan, 3.25, 4.0],
    'name': ['ant', None, 'cat', 'dog'],
    'when': pd.to_datetime(['2024-01-02', None, '2024-03-04 05:06:07', '2024-12-31']),
    'kind': pd.Categorical(['a', 'b', 'a', 'b']),
    'flag': [True, False, True, False],
    'small': np.array([1, 2, 3, 4], dtype='int8'),
    'nullable': pd.array([1, None, 3, 4], dtype='Int64'),
    'zoned': pd.to_datetime(['2024-01-02 01:00'] * 4).tz_localize('Europe/Berlin'),
}, index=['w', 'x', 'y', 'z'])
big = pd.DataFrame({'id': np.arange(1000, dtype='int64'), 'value': np.arange(1000) / 2})
""", True, False)

    @classmethod
    def tearDownClass(cls):
        codeact_embedded.dispose(ENGINE + 10)

    def page(self, name, offset, limit, sort=None, ascending=True):
        text, arrays = codeact_embedded.table_page(ENGINE + 10, name, offset, limit, sort, ascending)
        page = json.loads(text)
        columns = {}
        for column in page["columns"]:
            if "values" in column:
                columns[column["name"]] = column["values"]
                continue
            c_type = {"ints": ctypes.c_int64, "floats": ctypes.c_double, "bools": ctypes.c_bool,
                      "datetimes": ctypes.c_int64}[column["kind"]]
            columns[column["name"]] = list((c_type * column["length"]).from_address(column["address"]))
        return page, columns, arrays

    def test_each_kind_is_read_from_memory(self):
        page, columns, _ = self.page("mixed", 1, 2)
        self.assertEqual((page["total"], page["offset"], page["index"]), (4, 1, ["x", "y"]))
        kinds = {c["name"]: c["kind"] for c in page["columns"]}
        self.assertEqual(kinds, {"count": "ints", "price": "floats", "name": "texts", "when": "datetimes",
                                 "kind": "texts", "flag": "bools", "small": "ints", "nullable": "floats",
                                 "zoned": "datetimes"})
        self.assertEqual(columns["count"], [20, 30])
        self.assertTrue(columns["price"][0] != columns["price"][0])  # NaN
        self.assertEqual(columns["price"][1], 3.25)
        self.assertEqual(columns["name"], [None, "cat"])
        self.assertEqual(columns["when"][0], -2 ** 63)  # NaT
        self.assertEqual(columns["when"][1], 1709528767 * 10 ** 9)
        self.assertEqual(columns["kind"], ["b", "a"])
        self.assertEqual(columns["flag"], [False, True])
        self.assertEqual(columns["small"], [2, 3])
        self.assertTrue(columns["nullable"][0] != columns["nullable"][0])
        self.assertEqual(columns["zoned"][0], 1704153600 * 10 ** 9)  # 01:00 in Berlin is 00:00 UTC

    def test_plain_columns_are_views_of_the_frame(self):
        import codeact_shell
        _, _, arrays = self.page("big", 10, 5)
        frame = codeact_shell._active.user_ns["big"]
        self.assertTrue(any(a.base is not None for a in arrays))
        self.assertEqual(list(arrays[0]), list(frame["id"].to_numpy()[10:15]))

    def test_sorting_happens_before_paging(self):
        page, columns, _ = self.page("big", 0, 3, "value", False)
        self.assertEqual(columns["id"], [999, 998, 997])
        self.assertEqual(page["index"], ["999", "998", "997"])

    def test_not_a_frame_is_a_clear_error(self):
        codeact_embedded.execute(ENGINE + 10, "not_a_frame = 5", True, False)
        with self.assertRaisesRegex(ValueError, "not a DataFrame"):
            codeact_embedded.table_page(ENGINE + 10, "not_a_frame", 0, 10, None, True)
        with self.assertRaisesRegex(ValueError, "never_defined"):
            codeact_embedded.table_page(ENGINE + 10, "never_defined", 0, 10, None, True)


class SeveralShellsTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.java = installed()
        for engine in (21, 22):
            codeact_embedded.new_shell(engine, tempfile.gettempdir())

    @classmethod
    def tearDownClass(cls):
        for engine in (21, 22):
            codeact_embedded.dispose(engine)

    def test_each_engine_has_its_own_namespace_count_and_outputs(self):
        codeact_embedded.execute(21, "shared_name = 'twenty-one'", False, True)
        codeact_embedded.execute(22, "shared_name = 'twenty-two'", False, True)
        self.java.take()
        _, count21 = codeact_embedded.execute(21, "from IPython.display import display\ndisplay(shared_name)", False, True)
        records = self.java.take()
        self.assertEqual(records[0][1]["data"]["text/plain"], "'twenty-one'")
        _, count22 = codeact_embedded.execute(22, "shared_name", False, True)
        self.assertEqual(self.java.take()[0][1]["data"]["text/plain"], "'twenty-two'")
        self.assertEqual((count21, count22), (2, 2))

    def test_figures_work_in_every_shell(self):
        for engine in (21, 22):
            self.java.take()
            codeact_embedded.execute(engine, "import matplotlib.pyplot as plt\nplt.plot([1, 2])\nplt.show()", False, True)
            self.assertTrue(any(n == "display" and "image/png" in p["data"] for n, p in self.java.take()), engine)

    def test_restart_gives_a_fresh_namespace_and_count(self):
        codeact_embedded.execute(22, "gone_after_restart = 1", False, True)
        codeact_embedded.restart(22, tempfile.gettempdir())
        self.java.take()
        _, count = codeact_embedded.execute(22, "'gone_after_restart' in dir()", False, True)
        self.assertEqual((count, self.java.take()[0][1]["data"]["text/plain"]), (1, "False"))
        codeact_embedded.execute(21, "shared_name", False, True)
        self.assertEqual(self.java.take()[0][1]["data"]["text/plain"], "'twenty-one'")

    def test_table_schema_comes_in_every_shell_and_after_a_restart(self):
        code = "import pandas as pd\npd.DataFrame({'a': [1]})"
        for engine in (21, 22, 22):
            self.java.take()
            codeact_embedded.execute(engine, code, False, True)
            self.assertIn("application/vnd.dataresource+json", self.java.take()[0][1]["data"], engine)
            codeact_embedded.restart(22, tempfile.gettempdir())


if __name__ == "__main__":
    unittest.main()
