"""Loading the analyst's data files: CodeAct Studio's dataset helper.

Runs inside the engine's interpreter, in a private namespace (never the user's): ``plan`` looks at
each file (format, delimiter, encoding, sheets) and writes plain pandas code that loads it, which
the agent then runs as the session's first, visible cell; ``describe`` reports what that code
made, for the system prompt. Both return JSON-able dicts.
"""
import builtins
import codecs
import csv
import importlib.util
import json
import keyword
import os
import re

DELIMITED = {".csv", ".tsv", ".tab", ".txt", ".dat"}
EXCEL = {".xlsx", ".xlsm", ".xls", ".ods"}
JSON = {".json"}
JSON_LINES = {".jsonl", ".ndjson"}
PARQUET = {".parquet", ".pq"}

# Names a model expects to mean something else; a dataset never takes them.
RESERVED = {"pd", "np", "plt", "sns", "sm", "os", "sys", "re", "json", "math", "display", "In", "Out", "exit", "quit",
            "dd", "dask", "client"}

# Rows of the random sample a lazy dataset comes with (fewer when memory is tight).
SAMPLE_ROWS = 100_000
SAMPLE_SEED = 0
# Bytes of a delimited file read to estimate its rows and memory.
HEAD_BYTES = 1 << 20
# Partitions of a lazy CSV: at most this many bytes of the file each (half Dask's 64 MB default: with
# glibc, pandas' parse buffers above 32 MB are mapped and unmapped for every partition, and measured
# here partitions of about 30 MB parse nearly twice as fast per byte as 64 MB ones) ...
MAX_BLOCK = 32_000_000
# ... and at least this many, so a small memory ceiling does not make thousands of tiny ones.
MIN_BLOCK = 1_000_000
# The share of the memory ceiling that the partitions being parsed at once may take (a whole-frame
# compute past the ceiling keeps growing until its MemoryError is raised: the rest is headroom).
IN_FLIGHT_SHARE = 0.25
# ... of what is left of it after this much, which the allocator keeps whatever the partitions' size
# (in the embedded engine, under 50 MB and 100 MB ceilings, partitions of 1.5 or 2 MB instead of 1 MB
# made a group-by pass the ceiling).
ALLOCATOR_RESERVE = 96 << 20
# A text column becomes a category when the sample holds at most this many distinct values ...
MAX_CATEGORIES = 1000
# ... and they are at most this share of its values.
CATEGORY_SHARE = 0.01
DATE_SHAPE = re.compile(r"^\s*(\d{4}-\d{1,2}-\d{1,2}([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)?|\d{1,2}/\d{1,2}/\d{4})\s*$")

ENCODING_NAMES = {"cp1252": "Windows-1252 (Western European)", "latin-1": "Latin-1"}


def identifier(text, taken):
    """A valid Python variable name from ``text`` that is not in ``taken`` (and is then added to it)."""
    name = re.sub(r"\W+", "_", text.strip().lower()).strip("_")
    if not name or not name.isidentifier():
        name = re.sub(r"[^a-z0-9_]+", "_", name.encode("ascii", "ignore").decode()).strip("_") or "data"
    if name[0].isdigit():
        name = "df_" + name
    if keyword.iskeyword(name) or name in RESERVED or name in dir(builtins):
        name = name.lstrip("_") + "_df"
    candidate, n = name, 2
    while candidate in taken:
        candidate = "%s_%d" % (name, n)
        n += 1
    taken.add(candidate)
    return candidate


def sniff_encoding(path, chunk=1 << 20, limit=None):
    """(encoding, warning): UTF-8 (with or without BOM) when the whole file (or its first ``limit`` bytes) decodes, else a legacy guess."""
    with open(path, "rb") as handle:
        head = handle.read(4)
        if head.startswith(codecs.BOM_UTF8):
            return "utf-8-sig", None
        if head.startswith(codecs.BOM_UTF16_LE) or head.startswith(codecs.BOM_UTF16_BE):
            return "utf-16", None
        handle.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        read = 0
        try:
            while True:
                block = handle.read(chunk)
                read += len(block)
                if not block or (limit is not None and read >= limit):
                    decoder.decode(b"", final=not block)
                    return "utf-8", None
                if not (block.isascii() and decoder.getstate()[0] == b""):
                    decoder.decode(block)
        except UnicodeDecodeError:
            pass
    for legacy in ("cp1252", "latin-1"):
        try:
            with open(path, "r", encoding=legacy) as handle:
                while handle.read(chunk):
                    pass
        except UnicodeDecodeError:
            continue
        return legacy, ("%s is not UTF-8; it was read as %s, so check accented characters"
                        % (os.path.basename(path), ENCODING_NAMES[legacy]))
    return "latin-1", None


def sniff_delimiter(path, encoding, extension):
    default = "\t" if extension in (".tsv", ".tab") else ","
    with open(path, "r", encoding=encoding, newline="") as handle:
        sample = handle.read(64 * 1024)
    if not sample.strip():
        return default
    lines = sample.splitlines()
    if len(lines) > 1 and len(sample) == 64 * 1024:
        sample = "\n".join(lines[:-1])
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        return default


def json_lines(path, encoding):
    """True when the file holds one JSON value per line rather than one JSON document."""
    with open(path, "r", encoding=encoding) as handle:
        text = handle.read()
    try:
        json.loads(text)
        return False
    except ValueError:
        pass
    first = next((line for line in text.splitlines() if line.strip()), "")
    try:
        json.loads(first)
        return True
    except ValueError:
        return False


def _has(module):
    return importlib.util.find_spec(module) is not None


def _call(function, path, *arguments):
    """Source text of ``function(path, arg, ...)`` with Python literals."""
    return "%s(%s)" % (function, ", ".join([repr(path)] + list(arguments)))


def plan_one(path, taken, options=None):
    """How to load one file: its format, variable(s), loading code, warnings, or an error.

    ``options``: ``eager_limit`` (bytes in memory above which a file loads lazily with Dask; 0 for
    a quarter of ``memory_limit``), ``memory_limit`` (the engine's ceiling; 0 for the default share
    of physical memory), ``threads`` (the Dask threads that will hold partitions at once).
    """
    options = options or {}
    base = os.path.basename(path)
    stem, extension = os.path.splitext(base)
    extension = extension.lower()
    entry = {"path": path, "format": "", "variables": [], "code": [], "warnings": [], "error": None}
    if not os.path.isfile(path):
        entry["error"] = "%s does not exist or is not a file" % path
        return entry
    if not os.access(path, os.R_OK):
        entry["error"] = "%s cannot be read (permission denied)" % path
        return entry
    if extension in EXCEL:
        entry["format"] = "excel"
        engine_module = {".xls": "xlrd", ".ods": "odf"}.get(extension, "openpyxl")
        if not _has(engine_module):
            entry["error"] = ("reading %s files needs the Python package %s, which this Python lacks"
                              % (extension, engine_module))
            return entry
        import pandas as pd
        try:
            sheets = pd.ExcelFile(path).sheet_names
        except Exception as error:  # a damaged or mislabelled workbook
            entry["error"] = "%s is not a readable workbook: %s" % (base, error)
            return entry
        for sheet in sheets:
            name = identifier(stem if len(sheets) == 1 else "%s_%s" % (stem, sheet), taken)
            entry["variables"].append({"name": name, "sheet": sheet})
            entry["code"].append("%s = %s" % (name, _call("pd.read_excel", path, "sheet_name=%r" % sheet)))
        return entry
    if extension in PARQUET:
        entry["format"] = "parquet"
        if not (_has("pyarrow") or _has("fastparquet")):
            entry["error"] = ("reading Parquet needs pyarrow or fastparquet, and this Python has neither; "
                              "convert %s to CSV, or use a Python that has pyarrow (set CODEACT_PYTHON)" % base)
            return entry
        name = identifier(stem, taken)
        entry["variables"].append({"name": name, "sheet": None})
        size = os.path.getsize(path)
        # columnar and compressed: a few times its size once in memory
        if _has("dask") and size * 4 > eager_limit(options):
            sample = identifier(name + "_sample", taken)
            entry["variables"][0].update({"lazy": True, "sample": sample, "size": size, "estimated_rows": 0})
            entry["imports"] = ["dask"]
            entry["code"].append("%s = %s" % (name, _call("dd.read_parquet", path)))
            entry["code"].append("%s = %s.sample(frac=min(1.0, %d / max(1, len(%s))), random_state=%d).compute()"
                                 % (sample, name, SAMPLE_ROWS, name, SAMPLE_SEED))
            return entry
        entry["code"].append("%s = %s" % (name, _call("pd.read_parquet", path)))
        return entry
    size = os.path.getsize(path)
    encoding, warning = sniff_encoding(path, limit=None if size <= 256 * HEAD_BYTES else 64 * HEAD_BYTES)
    if warning:
        entry["warnings"].append(warning)
    encoding_arg = "" if encoding == "utf-8" else "encoding=%r" % encoding
    name = identifier(stem, taken)
    entry["variables"].append({"name": name, "sheet": None})
    if extension in JSON or extension in JSON_LINES:
        lines = extension in JSON_LINES or json_lines(path, encoding)
        entry["format"] = "jsonl" if lines else "json"
        arguments = (["lines=True"] if lines else []) + ([encoding_arg] if encoding_arg else [])
        entry["code"].append("%s = %s" % (name, _call("pd.read_json", path, *arguments)))
        return entry
    if extension not in DELIMITED:
        entry["warnings"].append("%s has an unknown extension; it was read as delimited text" % base)
    entry["format"] = "csv"
    delimiter = sniff_delimiter(path, encoding, extension)
    head, rows, memory = estimate(path, delimiter, encoding)
    dates = date_columns(head)
    if _has("dask") and memory > eager_limit(options):
        return plan_lazy_csv(entry, path, name, taken, delimiter, encoding, rows, memory, options)
    arguments = ["sep=%r" % delimiter] + ([encoding_arg] if encoding_arg else []) + ["on_bad_lines='warn'"]
    if dates:
        arguments.append("parse_dates=%r" % dates)
    entry["code"].append("%s = %s" % (name, _call("pd.read_csv", path, *arguments)))
    return entry


def physical_memory():
    """The machine's memory, or its control group's limit when lower."""
    total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    for limit in ("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"):
        try:
            with open(limit) as handle:
                text = handle.read().strip()
            if text != "max":
                total = min(total, int(text))
        except (OSError, ValueError):
            pass
    return total


def memory_ceiling(options):
    return int(options.get("memory_limit") or 0) or int(physical_memory() * 0.55)


def eager_limit(options):
    """Bytes in memory above which a file is loaded lazily."""
    return int(options.get("eager_limit") or 0) or memory_ceiling(options) // 4


def estimate(path, delimiter, encoding):
    """(head rows as pandas, estimated rows, estimated bytes in memory) of a delimited file, from its first megabyte."""
    import io
    import pandas as pd
    size = os.path.getsize(path)
    with open(path, "rb") as handle:
        head = handle.read(HEAD_BYTES)
    if len(head) < size and b"\n" in head:
        head = head[:head.rfind(b"\n") + 1]
    try:
        frame = pd.read_csv(io.BytesIO(head), sep=delimiter, encoding=encoding, on_bad_lines="skip", low_memory=False)
    except Exception:  # unparseable here: the loading cell says why
        return None, 0, 0
    if len(frame) == 0:
        return frame, 0, 0
    header = head.find(b"\n") + 1
    per_row = max(1.0, (len(head) - header) / len(frame))
    rows = int(round((size - header) / per_row))
    memory = int(frame.memory_usage(deep=True, index=False).sum() / len(frame) * rows)
    return frame, rows, memory


def date_columns(frame):
    """Text columns whose values nearly all look like dates (ISO dates and times, or d/m/yyyy)."""
    if frame is None:
        return []
    found = []
    for column in frame.columns:
        if frame[column].dtype != object:
            continue
        values = frame[column].dropna()
        head = values.head(1000)
        if len(values) == 0 or not all(isinstance(v, str) for v in head):
            continue
        # the first thousand values first: most text columns are ruled out there
        if head.str.match(DATE_SHAPE).mean() >= 0.98 and values.astype(str).str.match(DATE_SHAPE).mean() >= 0.98:
            found.append(str(column))
    return found


SAMPLER = '''
def _codeact_sample(path, rows, seed=0, **read_options):
    """A seeded random sample of a delimited file's rows, read at random places (not only its head)."""
    import io, os
    chosen, seen = [], set()
    with open(path, "rb") as handle:
        header = handle.readline()
        start, size = handle.tell(), os.path.getsize(path)
        if size <= start:
            return pd.read_csv(io.BytesIO(header), **read_options)
        offsets = np.sort(np.random.default_rng(seed).integers(start, size, rows)).tolist()
        for offset in offsets:
            # the line after the one that holds byte offset - 1: one small read (two lines of most files)
            window = os.pread(handle.fileno(), 256, offset - 1)
            begin = window.find(b"\\n") + 1
            end = window.find(b"\\n", begin) + 1
            if begin == 0 or (end == 0 and len(window) == 256):
                # longer lines
                handle.seek(offset - 1)
                handle.readline()
                begin, line = handle.tell(), handle.readline()
            else:
                begin, line = offset - 1 + begin, window[begin:end or len(window)]
            if begin in seen:
                continue
            seen.add(begin)
            if line.strip():
                chosen.append(line if line.endswith(b"\\n") else line + b"\\n")
    return pd.read_csv(io.BytesIO(header + b"".join(chosen)), on_bad_lines="skip", **read_options)
'''.strip()

# dd.read_csv parses every column of each partition whenever it is given a pandas option (a dtype, a
# date column, even sep=","): Dask only narrows the read to the columns a computation uses when no
# option is passed. This reads with the options bound into the reader, so the narrowing still applies.
TYPED_READER = '''
def _codeact_read_csv(path, blocksize, **options):
    """dd.read_csv(path, blocksize=blocksize, **options), parsing only the columns a computation uses."""
    from dask.dataframe.io.csv import read_pandas
    read = pd.read_csv
    def read_csv(source, usecols=None, **more):
        chosen = dict(options, **more)
        if usecols is not None:
            chosen["usecols"] = usecols
            chosen["dtype"] = {c: t for c, t in chosen.get("dtype", {}).items() if c in usecols}
            chosen["parse_dates"] = [c for c in chosen.get("parse_dates", ()) if c in usecols]
        return read(source, **chosen)
    return read_pandas(read_csv, path, blocksize=blocksize)
'''.strip()


def _sampler():
    import pandas as pd
    import numpy as np
    namespace = {"os": os, "pd": pd, "np": np}
    exec(SAMPLER, namespace)
    return namespace["_codeact_sample"]


def sample_rows(rows, memory, options):
    """Rows of the sample: about SAMPLE_ROWS, fewer when that many would take more than half the eager limit."""
    per_row = memory / max(1, rows)
    fitting = int(eager_limit(options) / 2 / max(1.0, per_row))
    return max(1000, min(SAMPLE_ROWS, fitting))


def lazy_dtypes(sample, dates):
    """dtype= for dask's read_csv, from the sample: numbers as they parsed, low-cardinality text as categories."""
    dtypes = {}
    for column in sample.columns:
        key = str(column)
        if key in dates:
            continue
        series = sample[column]
        kind = series.dtype.kind
        if kind == "O":
            values = series.dropna()
            distinct = values.nunique()
            if 0 < distinct <= MAX_CATEGORIES and distinct <= CATEGORY_SHARE * len(values):
                dtypes[key] = "category"
            else:
                dtypes[key] = "object"
        elif kind in "iub":
            dtypes[key] = str(series.dtype)
        elif kind == "f":
            dtypes[key] = "float64"
    return dtypes


def block_size(options, in_memory_per_byte):
    """Bytes of the file per partition of a lazy CSV.

    Each of Dask's threads parses one partition at a time, and a partition being parsed holds its
    bytes twice (the block read, and pandas' copy) beside the frame it becomes (``in_memory_per_byte``
    times its bytes, measured on the typed sample): a quarter of the ceiling (less ALLOCATOR_RESERVE)
    for the partitions in flight, the rest for results, the sample and what the analysis keeps. At most MAX_BLOCK, which is also
    the size with a cluster (the workers hold the partitions, not this process).
    """
    if options.get("scheduler"):
        return MAX_BLOCK
    threads = max(1, int(options.get("threads") or os.cpu_count() or 1))
    budget = max(0, memory_ceiling(options) - ALLOCATOR_RESERVE) * IN_FLIGHT_SHARE
    block = int(budget / (threads * (2 + max(0.5, in_memory_per_byte))))
    return max(MIN_BLOCK, min(MAX_BLOCK, block))


def typed_reader_available():
    """True when dd.read_csv is Dask's classic reader, whose read_pandas takes a reader of our own."""
    try:
        import dask.dataframe as dd
        from dask.dataframe.io.csv import read_pandas  # noqa: F401
    except ImportError:
        return False
    return getattr(dd.read_csv, "__module__", "") == "dask.dataframe.io.csv"


def plan_lazy_csv(entry, path, name, taken, delimiter, encoding, rows, memory, options):
    """A Dask DataFrame over a big delimited file, and its random pandas sample."""
    size = os.path.getsize(path)
    count = sample_rows(rows, memory, options)
    read = {"sep": delimiter}
    if encoding != "utf-8":
        read["encoding"] = encoding
    sample = _sampler()(path, count, SAMPLE_SEED, low_memory=False, **read)
    dates = date_columns(sample)
    dtypes = lazy_dtypes(sample, dates)
    import pandas as pd
    typed = sample.astype(dtypes) if len(sample) else sample
    for column in dates:
        try:
            typed[column] = pd.to_datetime(typed[column])
        except (ValueError, TypeError, OverflowError):
            pass
    # the file's bytes per row (from the whole file and the estimated rows), against the typed sample's memory per row
    per_row_on_disk = size / max(1, rows)
    per_row_in_memory = typed.memory_usage(deep=True, index=False).sum() / max(1, len(typed))
    block = block_size(options, per_row_in_memory / max(1.0, per_row_on_disk))
    sample_name = identifier(name + "_sample", taken)
    arguments = ["sep=%r" % delimiter] + (["encoding=%r" % encoding] if encoding != "utf-8" else [])
    arguments += ["dtype=%r" % dtypes]
    if dates:
        arguments.append("parse_dates=%r" % dates)
    sample_arguments = ["%d" % count, "seed=%d" % SAMPLE_SEED] + arguments
    entry["imports"] = ["dask"]
    if typed_reader_available():
        entry["typed_reader"] = True
        entry["code"].append("%s = %s" % (name, _call("_codeact_read_csv", path, "blocksize=%d" % block, *arguments)))
    else:
        entry["code"].append("%s = %s" % (name, _call("dd.read_csv", path, "blocksize=%d" % block, *arguments)))
    entry["code"].append("%s = %s" % (sample_name, _call("_codeact_sample", path, *sample_arguments)))
    entry["variables"][0].update({"lazy": True, "sample": sample_name, "size": size, "estimated_rows": rows,
                                  "estimated_memory": memory, "blocksize": block})
    return entry


def plan(paths, taken, options=None, user_ns=None):
    """Loading plans for every file, and the code of the cell that loads them all.

    ``options`` (see ``plan_one``) may also name a Dask ``scheduler`` address: the cell then
    connects a ``dask.distributed.Client`` to it as ``client``.
    """
    options = options or {}
    taken = set(taken)
    if user_ns is not None:
        taken.update(name for name in user_ns if not name.startswith("_"))
    entries = [plan_one(os.path.abspath(path), taken, options) for path in paths]
    lines = ["import pandas as pd", "import numpy as np", "import matplotlib.pyplot as plt"]
    scheduler = options.get("scheduler") or ""
    if scheduler or any(entry.get("imports") for entry in entries):
        lines.append("import dask.dataframe as dd")
    if scheduler:
        lines += ["from dask.distributed import Client", "client = Client(%r, timeout=%r)" % (scheduler, "10s")]
    sampled = any(v.get("lazy") and v.get("blocksize") for entry in entries for v in entry["variables"])
    typed = any(entry.get("typed_reader") for entry in entries)
    if sampled:
        lines.append(SAMPLER)
    if typed:
        lines.append(TYPED_READER)
    for entry in entries:
        lines.extend(entry["code"])
    if sampled:
        lines.append("del _codeact_sample" + (", _codeact_read_csv" if typed else ""))
    return {"datasets": entries, "code": "\n".join(lines)}


def cluster(user_ns=None):
    """The connected Dask cluster (``client`` in the namespace): scheduler, workers, threads, memory."""
    client = (user_ns or {}).get("client")
    if client is None or not hasattr(client, "scheduler_info"):
        return {"connected": False}
    info = client.scheduler_info()
    workers = info.get("workers", {})
    return {"connected": True, "scheduler": str(info.get("address", "")), "workers": len(workers),
            "threads": sum(int(w.get("nthreads", 0)) for w in workers.values()),
            "memory": sum(int(w.get("memory_limit", 0) or 0) for w in workers.values())}


def describe(names, sample_rows, samples=None, user_ns=None):
    """Shape, columns, dtypes and (unless sample_rows is 0) the first rows of each loaded variable."""
    described = []
    for name in names:
        value = (user_ns or {}).get(name)
        item = {"variable": name, "type": type(value).__name__, "rows": 0, "columns": 0, "dtypes": [], "sample": ""}
        if value is None:
            item["type"] = "missing"
        elif hasattr(value, "npartitions") and hasattr(value, "dtypes"):
            # a Dask DataFrame: nothing here computes it
            item["type"] = "DataFrame (Dask)"
            item["partitions"] = int(value.npartitions)
            item["columns"] = len(value.columns)
            item["dtypes"] = [[str(column), str(dtype)] for column, dtype in value.dtypes.items()]
            sample = (user_ns or {}).get((samples or {}).get(name) or name + "_sample")
            if sample is not None and hasattr(sample, "head"):
                item["sample_rows"] = int(len(sample))
                if sample_rows > 0:
                    item["sample"] = sample.head(sample_rows).to_string(max_cols=20, max_colwidth=40)
        elif hasattr(value, "dtypes") and hasattr(value, "shape"):
            item["rows"] = int(value.shape[0])
            item["columns"] = int(value.shape[1]) if len(value.shape) > 1 else 1
            item["dtypes"] = [[str(column), str(dtype)] for column, dtype in value.dtypes.items()]
            if sample_rows > 0:
                item["sample"] = value.head(sample_rows).to_string(max_cols=20, max_colwidth=40)
        described.append(item)
    return {"datasets": described}
