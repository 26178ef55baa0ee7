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
# Rows the generator assembles at once (its index arrays take about 80 bytes a row).
GENERATED_ROWS = 250_000
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
    """About ``size`` bytes of orders: day, region, product, customer, quantity, amount.

    Every field is drawn from a small vocabulary of ready-made byte strings (amounts as cents), so
    a chunk's text is assembled by numpy gathers, with no per-row Python: a gigabyte in seconds."""
    import numpy as np
    rng = np.random.default_rng(SEED)
    first = np.datetime64("2023-01-01")
    days = _vocabulary([str(first + i) + "," for i in range(730)])
    regions = _vocabulary([r + "," for r in REGIONS])
    products = _vocabulary(["p%d," % i for i in range(200)])
    customers = _vocabulary(["c%d," % i for i in range(100_000, 100_000 + CUSTOMERS)])
    quantities = _vocabulary(["%d," % i for i in range(101)])
    amounts = None
    header = b"day,region,product,customer,quantity,amount\n"
    written = 0
    with open(path, "wb") as handle:
        handle.write(header)
        written += len(header)
        while written < size:
            n = GENERATED_ROWS
            cents = np.rint(rng.gamma(2.0, 40.0, n) * 100).astype(np.int64)
            if amounts is None or cents.max() >= len(amounts[1]):
                amounts = _vocabulary(["%d.%02d\n" % divmod(c, 100) for c in range(max(200_000, int(cents.max()) + 1))])
            fields = [(days, rng.integers(0, 730, n)), (regions, rng.integers(0, len(REGIONS), n)),
                      (products, rng.integers(0, 200, n)), (customers, rng.integers(0, CUSTOMERS, n)),
                      (quantities, rng.integers(1, 101, n)), (amounts, cents)]
            text, ends = _rows(fields)
            if written + len(text) > size:
                # the last rows that fit (at least one)
                keep = max(1, int(np.searchsorted(ends, size - written, side="right")))
                text = text[:ends[keep - 1]]
                handle.write(text)
                break
            handle.write(text)
            written += len(text)
    return {"bytes": os.path.getsize(path)}


def _vocabulary(tokens):
    """(bytes of all tokens end to end, start of each, length of each)."""
    import numpy as np
    encoded = [t.encode("ascii") for t in tokens]
    lengths = np.array([len(t) for t in encoded], dtype=np.int64)
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    return np.frombuffer(b"".join(encoded), dtype=np.uint8), starts, lengths


def _rows(fields):
    """The rows' text (one token of each field per row, in order) and where each row ends in it."""
    import numpy as np
    starts = np.stack([vocabulary[1][index] for vocabulary, index in fields], axis=1)
    lengths = np.stack([vocabulary[2][index] for vocabulary, index in fields], axis=1)
    pools = [vocabulary[0] for vocabulary, _ in fields]
    # one pool for all fields: each field's token starts shifted by the pools before it
    shift = np.concatenate(([0], np.cumsum([len(p) for p in pools])[:-1]))
    pool = np.concatenate(pools)
    starts = (starts + shift).ravel()
    lengths = lengths.ravel()
    out_starts = np.cumsum(lengths) - lengths
    # byte j of the output is pool[start of its token + (j - where its token begins in the output)]
    index = np.repeat(starts - out_starts, lengths) + np.arange(int(lengths.sum()), dtype=np.int64)
    text = pool[index].tobytes()
    ends = np.cumsum(lengths.reshape(-1, len(fields)).sum(axis=1))
    return text, ends


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
