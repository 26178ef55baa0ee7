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
RESERVED = {"pd", "np", "plt", "sns", "sm", "os", "sys", "re", "json", "math", "display", "In", "Out", "exit", "quit"}

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


def sniff_encoding(path, chunk=1 << 20):
    """(encoding, warning): UTF-8 (with or without BOM) when the whole file decodes, else a legacy guess."""
    with open(path, "rb") as handle:
        head = handle.read(4)
        if head.startswith(codecs.BOM_UTF8):
            return "utf-8-sig", None
        if head.startswith(codecs.BOM_UTF16_LE) or head.startswith(codecs.BOM_UTF16_BE):
            return "utf-16", None
        handle.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            while True:
                block = handle.read(chunk)
                if not block:
                    decoder.decode(b"", final=True)
                    return "utf-8", None
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


def plan_one(path, taken):
    """How to load one file: its format, variable(s), loading code, warnings, or an error."""
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
        entry["code"].append("%s = %s" % (name, _call("pd.read_parquet", path)))
        return entry
    encoding, warning = sniff_encoding(path)
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
    arguments = ["sep=%r" % delimiter] + ([encoding_arg] if encoding_arg else []) + ["on_bad_lines='warn'"]
    entry["code"].append("%s = %s" % (name, _call("pd.read_csv", path, *arguments)))
    return entry


def plan(paths, taken, user_ns=None):
    """Loading plans for every file, and the code of the cell that loads them all."""
    taken = set(taken)
    if user_ns is not None:
        taken.update(name for name in user_ns if not name.startswith("_"))
    entries = [plan_one(os.path.abspath(path), taken) for path in paths]
    lines = ["import pandas as pd", "import numpy as np", "import matplotlib.pyplot as plt"]
    for entry in entries:
        lines.extend(entry["code"])
    return {"datasets": entries, "code": "\n".join(lines)}


def describe(names, sample_rows, user_ns=None):
    """Shape, columns, dtypes and (unless sample_rows is 0) the first rows of each loaded variable."""
    described = []
    for name in names:
        value = (user_ns or {}).get(name)
        item = {"variable": name, "type": type(value).__name__, "rows": 0, "columns": 0, "dtypes": [], "sample": ""}
        if value is None:
            item["type"] = "missing"
        elif hasattr(value, "dtypes") and hasattr(value, "shape"):
            item["rows"] = int(value.shape[0])
            item["columns"] = int(value.shape[1]) if len(value.shape) > 1 else 1
            item["dtypes"] = [[str(column), str(dtype)] for column, dtype in value.dtypes.items()]
            if sample_rows > 0:
                item["sample"] = value.head(sample_rows).to_string(max_cols=20, max_colwidth=40)
        described.append(item)
    return {"datasets": described}
