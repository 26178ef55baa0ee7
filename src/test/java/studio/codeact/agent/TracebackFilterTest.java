package studio.codeact.agent;

import org.junit.jupiter.api.Test;
import studio.codeact.engine.Output;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TracebackFilterTest {

    /** A pandas KeyError as IPython 8.5 formats it (recorded from the system Python). */
    static final Output.Error PANDAS_KEY_ERROR = new Output.Error("KeyError", "'Price'", List.of(
            "---------------------------------------------------------------------------",
            "KeyError                                  Traceback (most recent call last)",
            "File /usr/lib/python3/dist-packages/pandas/core/indexes/base.py:3802, in Index.get_loc(self, key, method, tolerance)\n   3801 try:\n-> 3802     return self._engine.get_loc(casted_key)\n   3803 except KeyError as err:\n",
            "File /usr/lib/python3/dist-packages/pandas/_libs/index.pyx:138, in pandas._libs.index.IndexEngine.get_loc()\n",
            "File pandas/_libs/hashtable_class_helper.pxi:5753, in pandas._libs.hashtable.PyObjectHashTable.get_item()\n",
            "KeyError: 'Price'",
            "\nThe above exception was the direct cause of the following exception:\n",
            "KeyError                                  Traceback (most recent call last)",
            "Cell In [1], line 2\n      1 x = 1\n----> 2 df['Price'].mean()\n",
            "File /usr/lib/python3/dist-packages/pandas/core/frame.py:3807, in DataFrame.__getitem__(self, key)\n   3805 if self.columns.nlevels > 1:\n   3806     return self._getitem_multilevel(key)\n-> 3807 indexer = self.columns.get_loc(key)\n",
            "File /usr/lib/python3/dist-packages/pandas/core/indexes/base.py:3804, in Index.get_loc(self, key, method, tolerance)\n   3802     return self._engine.get_loc(casted_key)\n-> 3804     raise KeyError(key) from err\n",
            "KeyError: 'Price'"));

    @Test
    void keepsTheModelsOwnFrameAndCountsLibraryFrames() {
        assertThat(TracebackFilter.relevantLines(PANDAS_KEY_ERROR)).containsExactly(
                "Cell In [1], line 2",
                "      1 x = 1",
                "----> 2 df['Price'].mean()",
                "(2 more frames inside library code)");
    }

    @Test
    void keepsEveryFrameOfTheModelsOwnFunctions() {
        Output.Error error = new Output.Error("ZeroDivisionError", "division by zero", List.of(
                "---------------------------------------------------------------------------",
                "ZeroDivisionError                         Traceback (most recent call last)",
                "Cell In [1], line 3\n      1 def f(a):\n      2     return a/0\n----> 3 f(1)\n",
                "Cell In [1], line 2, in f(a)\n      1 def f(a):\n----> 2     return a/0\n",
                "ZeroDivisionError: division by zero"));

        assertThat(TracebackFilter.relevantLines(error)).containsExactly(
                "Cell In [1], line 3", "      1 def f(a):", "      2     return a/0", "----> 3 f(1)",
                "Cell In [1], line 2, in f(a)", "      1 def f(a):", "----> 2     return a/0");
    }

    @Test
    void keepsTheCaretOfASyntaxError() {
        Output.Error error = new Output.Error("SyntaxError", "incomplete input", List.of(
                "  Cell In [1], line 1\n    print(\n          ^\n", "SyntaxError: incomplete input\n"));

        assertThat(TracebackFilter.relevantLines(error)).containsExactly("  Cell In [1], line 1", "    print(", "          ^");
    }

    @Test
    void removesAnsiColour() {
        Output.Error error = new Output.Error("NameError", "name 'x' is not defined", List.of(
                "\u001b[0;31mNameError\u001b[0m                                 Traceback (most recent call last)",
                "Cell \u001b[0;32mIn [3], line 1\u001b[0m\n\u001b[0;32m----> 1\u001b[0m x\n",
                "\u001b[0;31mNameError\u001b[0m: name 'x' is not defined"));

        assertThat(TracebackFilter.relevantLines(error)).containsExactly("Cell In [3], line 1", "----> 1 x");
    }
}
