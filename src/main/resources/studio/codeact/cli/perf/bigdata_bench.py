"""``codeact perf bigdata``'s Python side: the seeded data file, the questions, and the two
hand-written baselines (chunked pandas, plain Dask) the engine's answers and times are held to.

Run as a script by the system Python, one process per step, so each baseline's peak memory is
its own:

    bigdata_bench.py generate PATH BYTES   write a seeded CSV of about BYTES (streamed)
    bigdata_bench.py queries NAME          the questions as code on a Dask DataFrame NAME (JSON)
    bigdata_bench.py pandas PATH           answer them with chunked pandas (JSON: times, answers, peak)
    bigdata_bench.py dask PATH             answer them with hand-written Dask (same)
"""
import json
import os
import resource
import sys
import time

SEED = 20261205
ROWS_PER_CHUNK = 1_000_000
REGIONS = ["north", "south", "east", "west", "centre", "coast", "islands", "mountains"]
# Distinct customers: the top-10 groups by this many keys (its partial sums must fit a small ceiling too).
CUSTOMERS = 20_000

# The questions, as the model would write them on a Dask DataFrame {name}; each prints JSON.
QUERIES = {
    "group_by_sum": "__import__('json').dumps({{k: round(float(v), 2) for k, v in "
                    "{name}.groupby('region', observed=True).amount.sum().compute().items()}})",
    "filtered_count": "__import__('json').dumps(int(({name}.quantity > 90).sum().compute()))",
    "top_10": "__import__('json').dumps([[k, round(float(v), 2)] for k, v in "
              "{name}.groupby('customer').amount.sum().nlargest(10).compute().items()])",
}


def _resident():
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def generate(path, size):
    """About ``size`` bytes of orders: day, region, product, customer, quantity, amount."""
    import numpy as np
    import pandas as pd
    rng = np.random.default_rng(SEED)
    first = pd.Timestamp("2023-01-01")
    written = 0
    with open(path, "w", newline="") as handle:
        header = True
        while written < size:
            n = ROWS_PER_CHUNK
            frame = pd.DataFrame({
                "day": (first + pd.to_timedelta(rng.integers(0, 730, n), unit="D")).strftime("%Y-%m-%d"),
                "region": np.array(REGIONS)[rng.integers(0, len(REGIONS), n)],
                "product": np.char.add("p", rng.integers(0, 200, n).astype(str)),
                "customer": np.char.add("c", rng.integers(100_000, 100_000 + CUSTOMERS, n).astype(str)),
                "quantity": rng.integers(1, 101, n),
                "amount": np.round(rng.gamma(2.0, 40.0, n), 2),
            })
            text = frame.to_csv(index=False, header=header)
            header = False
            if written + len(text) > size:
                lines = text.splitlines(keepends=True)
                keep = []
                for line in lines:
                    if written + len(line) > size and keep:
                        break
                    keep.append(line)
                    written += len(line)
                handle.write("".join(keep))
                break
            handle.write(text)
            written += len(text)
    return {"bytes": os.path.getsize(path)}


def _answers(by_region, count, by_customer):
    return {
        "group_by_sum": {k: round(float(v), 2) for k, v in by_region.items()},
        "filtered_count": int(count),
        "top_10": [[k, round(float(v), 2)] for k, v in by_customer.nlargest(10).items()],
    }


def chunked_pandas(path):
    """One pass over the file in chunks, each question's partial answer added up: how one writes it by hand."""
    import pandas as pd
    base = _resident()
    began = time.perf_counter()
    by_region = pd.Series(dtype="float64")
    by_customer = pd.Series(dtype="float64")
    count = 0
    for chunk in pd.read_csv(path, chunksize=ROWS_PER_CHUNK):
        by_region = by_region.add(chunk.groupby("region").amount.sum(), fill_value=0)
        by_customer = by_customer.add(chunk.groupby("customer").amount.sum(), fill_value=0)
        count += int((chunk.quantity > 90).sum())
    total = time.perf_counter() - began
    return {"times": {"total": total}, "answers": _answers(by_region, count, by_customer), "peak_bytes": _peak(base)}


def plain_dask(path):
    """The same questions with Dask as its documentation writes them: read_csv, then compute each."""
    import dask.dataframe as dd
    import pandas as pd  # noqa: F401 (its import is not the data's memory)
    base = _resident()
    times = {}
    began = time.perf_counter()
    frame = dd.read_csv(path)
    times["load"] = time.perf_counter() - began
    answers = {}
    for name, code in QUERIES.items():
        began = time.perf_counter()
        answers[name] = json.loads(eval(code.format(name="frame")))
        times[name] = time.perf_counter() - began
    times["total"] = sum(times.values())
    return {"times": times, "answers": answers, "peak_bytes": _peak(base)}


def _peak(base):
    return max(0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - base)


def main(argv):
    command = argv[1]
    if command == "generate":
        result = generate(argv[2], int(argv[3]))
    elif command == "queries":
        result = {name: code.format(name=argv[2]) for name, code in QUERIES.items()}
    elif command == "pandas":
        result = chunked_pandas(argv[2])
    elif command == "dask":
        result = plain_dask(argv[2])
    else:
        raise SystemExit("unknown step: " + command)
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv)
