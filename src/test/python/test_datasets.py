"""Tests of agent/datasets.py's lazy loading of big delimited files (run with /usr/bin/python3 -m unittest)."""
import os
import random
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "main", "resources", "studio", "codeact", "agent"))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

import datasets  # noqa: E402

GIB = 1 << 30


class BlockSizeTest(unittest.TestCase):

    def test_a_gigabyte_ceiling_on_two_threads_gives_partitions_of_tens_of_megabytes(self):
        block = datasets.block_size({"memory_limit": GIB, "threads": 2}, 2.3)
        self.assertGreaterEqual(block, 24_000_000)
        self.assertLessEqual(block, datasets.MAX_BLOCK)

    def test_partitions_shrink_with_the_ceiling_and_the_threads_but_not_below_the_floor(self):
        wide = datasets.block_size({"memory_limit": 300 << 20, "threads": 2}, 2.3)
        narrow = datasets.block_size({"memory_limit": 300 << 20, "threads": 8}, 2.3)
        self.assertLess(narrow, wide)
        self.assertLess(wide, datasets.block_size({"memory_limit": GIB, "threads": 2}, 2.3))
        self.assertEqual(datasets.block_size({"memory_limit": 8 << 20, "threads": 8}, 6.0), datasets.MIN_BLOCK)

    def test_the_partitions_in_flight_fit_the_share_of_the_ceiling_they_are_given(self):
        for ceiling in (100 << 20, 300 << 20, GIB):
            for per_byte in (1.0, 2.3, 6.0):
                block = datasets.block_size({"memory_limit": ceiling, "threads": 2}, per_byte)
                if datasets.MIN_BLOCK < block < datasets.MAX_BLOCK:
                    self.assertLessEqual(2 * block * (2 + per_byte), (ceiling - datasets.ALLOCATOR_RESERVE) * datasets.IN_FLIGHT_SHARE + 2)

    def test_a_cluster_holds_the_partitions_so_they_take_the_largest_size(self):
        self.assertEqual(datasets.block_size({"memory_limit": 50 << 20, "scheduler": "tcp://127.0.0.1:8786"}, 3.0),
                         datasets.MAX_BLOCK)


class SamplerTest(unittest.TestCase):

    def test_each_offset_picks_the_line_after_the_one_it_falls_in_long_lines_and_an_unended_last_line_included(self):
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "mixed.csv")
            picker = random.Random(3)
            with open(path, "w") as handle:
                handle.write("a,b\n")
                for i in range(5000):
                    handle.write("%d,%s\n" % (i, "x" * picker.choice([1, 5, 100, 300, 700, 2000])))
                handle.write("last,unended")
            sample = datasets._sampler()(path, 1500, 5, dtype=str)
            expected = []
            with open(path, "rb") as handle:
                handle.readline()
                start, size = handle.tell(), os.path.getsize(path)
                seen = set()
                for offset in np.sort(np.random.default_rng(5).integers(start, size, 1500)).tolist():
                    handle.seek(offset - 1)
                    handle.readline()
                    if handle.tell() in seen:
                        continue
                    seen.add(handle.tell())
                    line = handle.readline().decode()
                    if line.strip():
                        expected.append(line.rstrip("\n").split(","))
            self.assertGreater(len(expected), 1000)
            self.assertEqual(sample.values.tolist(), expected)


class LazyCsvTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.TemporaryDirectory()
        cls.path = os.path.join(cls.folder.name, "orders.csv")
        rng = np.random.default_rng(1)
        n = 60_000
        cls.frame = pd.DataFrame({
            "day": (pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 365, n), unit="D")).strftime("%Y-%m-%d"),
            "region": np.array(["north", "south", "east", "west"])[rng.integers(0, 4, n)],
            "quantity": rng.integers(1, 101, n),
            "amount": np.round(rng.gamma(2.0, 40.0, n), 2)})
        cls.frame.to_csv(cls.path, index=False)

    @classmethod
    def tearDownClass(cls):
        cls.folder.cleanup()

    def load(self):
        plan = datasets.plan([self.path], [], {"eager_limit": 1 << 20, "memory_limit": 64 << 20, "threads": 2})
        namespace = {}
        exec(plan["code"], namespace)
        return plan, namespace

    def test_the_lazy_frame_has_the_samples_types_and_answers_as_pandas_does(self):
        plan, namespace = self.load()
        variable = plan["datasets"][0]["variables"][0]
        self.assertTrue(variable["lazy"])
        orders = namespace["orders"]
        self.assertEqual(str(orders.dtypes["day"]), "datetime64[ns]")
        self.assertEqual(str(orders.dtypes["region"]), "category")
        self.assertEqual(int((orders.quantity > 90).sum().compute()), int((self.frame.quantity > 90).sum()))
        sums = orders.groupby("region", observed=True).amount.sum().compute()
        expected = self.frame.groupby("region").amount.sum()
        for region, total in expected.items():
            self.assertAlmostEqual(float(sums[region]), float(total), places=4)
        self.assertNotIn("_codeact_sample", namespace)
        self.assertNotIn("_codeact_read_csv", namespace)
        self.assertIn("orders_sample", namespace)

    def test_a_computation_parses_only_the_columns_it_uses(self):
        if not datasets.typed_reader_available():
            self.skipTest("this Dask's read_csv is not the classic reader")
        import dask
        asked = []
        original = pd.read_csv

        def recording(source, **options):
            asked.append(options.get("usecols"))
            return original(source, **options)

        pd.read_csv = recording
        try:
            _, namespace = self.load()
            asked.clear()
            with dask.config.set(scheduler="sync"):
                total = namespace["orders"].amount.sum().compute()
        finally:
            pd.read_csv = original
        self.assertAlmostEqual(float(total), float(self.frame.amount.sum()), places=4)
        self.assertTrue(asked)
        self.assertEqual({tuple(columns or ()) for columns in asked}, {("amount",)})


if __name__ == "__main__":
    unittest.main()
