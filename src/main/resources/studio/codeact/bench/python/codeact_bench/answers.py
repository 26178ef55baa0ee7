"""Scoring a final answer: parse the text inside ``<solution>`` and compare it with the expected one.

Comparisons (a task's ``"compare"``; when absent it follows the expected answer's type):

``exact``     text equal after trimming and collapsing whitespace (case-insensitive unless
              ``"case_sensitive": true``); surrounding quotes and a final full stop are ignored
``number``    one number within ``"tolerance"`` (absolute) or ``"relative_tolerance"``;
              "1,234.50", "$1234.5" and "1234.5 EUR" all read as 1234.5
``set``       the same items in any order: a list, or items separated by commas or new lines
``value``     a structure (list, dict, number, text) equal item by item: numbers within the
              tolerance, numeric text equal to the number ("237.94" == 237.94, 36380 == 36380.0),
              dicts with keys in any order, text case-insensitive
``predicate`` a Python function (``"predicate"``) returns true for the answer; it gets the parsed
              value, or the raw text when ``"predicate_input": "text"``; ``"predicate_name"`` names it
              in the results

``"compare"`` may list several kinds (``["predicate", "value"]``): the answer passes when any of them
accepts it, and the results name the one that did.
"""
import ast
import json
import math
import re

KINDS = ("exact", "number", "set", "value", "predicate")
DEFAULT_RELATIVE_TOLERANCE = 1e-6

_NUMBER = re.compile(r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][-+]?\d+)?")
_NUMBER_TOKEN = re.compile(r"(?<![\w.])[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?(?![\w.])")
_CURRENCY = "$€£¥"


class Comparison:
    """How one task's answer is compared with its expected answer."""

    def __init__(self, kind, expected, tolerance=0.0, relative_tolerance=None, case_sensitive=False,
                 predicate=None, predicate_input="value", predicate_name=None):
        kinds = list(kind) if isinstance(kind, (list, tuple)) else [kind]
        if not kinds:
            raise ValueError("\"compare\" lists no comparison; use one of %s" % ", ".join(KINDS))
        for each in kinds:
            if each not in KINDS:
                raise ValueError("\"compare\" must be one of %s, not %r" % (", ".join(KINDS), each))
        if "predicate" in kinds and not callable(predicate):
            raise ValueError("\"compare\": \"predicate\" needs a \"predicate\" function")
        if predicate_input not in ("value", "text"):
            raise ValueError("\"predicate_input\" must be \"value\" or \"text\"")
        self.kinds = kinds
        self.kind = kinds[0]
        self.expected = expected
        self.tolerance = float(tolerance or 0.0)
        self.relative_tolerance = (DEFAULT_RELATIVE_TOLERANCE if relative_tolerance is None
                                   else float(relative_tolerance))
        self.case_sensitive = bool(case_sensitive)
        self.predicate = predicate
        self.predicate_input = predicate_input
        qualname = getattr(predicate, "__qualname__", "") or ""
        self.predicate_name = predicate_name or ("predicate " + qualname if qualname and "<" not in qualname
                                                 else "predicate")

    @staticmethod
    def from_task(raw, predicate):
        expected = raw.get("answer")
        kind = raw.get("compare")
        if kind is None:
            kind = "predicate" if predicate is not None else _kind_for(expected)
        return Comparison(kind, expected, raw.get("tolerance", 0.0), raw.get("relative_tolerance"),
                          raw.get("case_sensitive", False), predicate, raw.get("predicate_input", "value"),
                          raw.get("predicate_name"))

    def describe(self):
        return {"compare": self.kinds if len(self.kinds) > 1 else self.kind, "expected": self.expected,
                "tolerance": self.tolerance}

    def check(self, text):
        """``(passed, detail)`` for the answer ``text``; ``detail`` says why it failed."""
        verdict = self.grade(text)
        return verdict["success"], verdict["detail"]

    def grade(self, text):
        """The verdict on the answer ``text``: ``success``, ``detail`` (why not), ``graded_by`` (the
        comparison that accepted it, or every one tried) and ``expected`` (when it failed)."""
        details = []
        for kind in self.kinds:
            passed, detail = self._check(kind, text)
            if passed:
                return {"success": True, "detail": "", "graded_by": self.label(kind), "expected": None}
            details.append(detail)
        return {"success": False, "detail": "; ".join(dict.fromkeys(details)),
                "graded_by": " or ".join(self.label(kind) for kind in self.kinds),
                "expected": _show(self.expected, limit=2000)}

    def label(self, kind):
        """How one comparison is named in the results, with its settings."""
        if kind == "predicate":
            return self.predicate_name
        settings = []
        if kind in ("exact", "set", "value"):
            settings.append("case-sensitive" if self.case_sensitive else "case-insensitive")
        if kind in ("number", "set", "value"):
            if self.tolerance:
                settings.append("tolerance %g" % self.tolerance)
            if self.relative_tolerance:
                settings.append("relative tolerance %g" % self.relative_tolerance)
        return kind + (" (%s)" % ", ".join(settings) if settings else "")

    def _check(self, kind, text):
        text = clean(text)
        if kind == "predicate":
            argument = text if self.predicate_input == "text" else parse(text)
            try:
                passed = bool(self.predicate(argument))
            except Exception as error:  # a predicate that cannot read the answer rejects it
                return False, "the checker raised %s: %s" % (type(error).__name__, error)
            return passed, "" if passed else "the checker rejected %s" % _show(text)
        if kind == "exact":
            passed = _text_key(text, self.case_sensitive) == _text_key(str(self.expected), self.case_sensitive)
        elif kind == "number":
            number = as_number(text)
            if number is None:
                return False, "expected one number, got %s" % _show(text)
            passed = self._close(number, as_number(self.expected))
        elif kind == "set":
            passed = self._same_set(as_items(parse(text)), as_items(self.expected))
        else:
            passed = self._same(parse(text), self.expected)
        return passed, "" if passed else "expected %s, got %s" % (_show(self.expected), _show(text))

    def _close(self, actual, expected):
        if actual is None or expected is None:
            return False
        if math.isnan(actual) or math.isnan(expected):
            return False
        return math.isclose(actual, expected, rel_tol=self.relative_tolerance, abs_tol=self.tolerance)

    def _same(self, actual, expected):
        if isinstance(expected, bool) or isinstance(actual, bool):
            return _truth(actual) is not None and _truth(actual) == _truth(expected)
        expected_number = _strict_number(expected)
        if expected_number is not None:
            return self._close(_strict_number(actual), expected_number)
        if isinstance(expected, dict):
            if isinstance(actual, str):
                actual = parse(actual)
            if not isinstance(actual, dict):
                return False
            actual_keys = {_key(key): value for key, value in actual.items()}
            expected_keys = {_key(key): value for key, value in expected.items()}
            return (actual_keys.keys() == expected_keys.keys()
                    and all(self._same(actual_keys[key], expected_keys[key]) for key in expected_keys))
        if isinstance(expected, (list, tuple)):
            if isinstance(actual, str):
                actual = as_items(actual)
            if not isinstance(actual, (list, tuple)) or len(actual) != len(expected):
                return False
            return all(self._same(a, e) for a, e in zip(actual, expected))
        if expected is None:
            return actual is None or (isinstance(actual, str) and actual.strip().lower() in ("none", "null", ""))
        return _text_key(str(actual), self.case_sensitive) == _text_key(str(expected), self.case_sensitive)

    def _same_set(self, actual, expected):
        actual = _unique(actual, self.case_sensitive)
        remaining = _unique(expected, self.case_sensitive)
        if len(actual) != len(remaining):
            return False
        for item in actual:
            match = next((index for index, candidate in enumerate(remaining) if self._same(item, candidate)), None)
            if match is None:
                return False
            remaining.pop(match)
        return True


def clean(text):
    """The answer without surrounding whitespace, code fences, backticks or a final full stop."""
    text = "" if text is None else str(text).strip()
    fenced = re.fullmatch(r"```[\w+-]*\s*\n?(.*?)\n?```", text, re.S)
    if fenced:
        text = fenced.group(1).strip()
    if len(text) >= 2 and text[0] == text[-1] == "`":
        text = text.strip("`").strip()
    if text.endswith(".") and not re.search(r"\d\.$", text):
        text = text[:-1].rstrip()
    return text


def parse(text):
    """The value the answer text stands for: JSON, else a Python literal, else the text itself."""
    if not isinstance(text, str):
        return text
    stripped = text.strip()
    for reader in (json.loads, ast.literal_eval):
        try:
            return reader(stripped)
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            continue
    return stripped


def as_number(value):
    """A float for a number or a text holding exactly one number, else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if not isinstance(value, str):
        return None
    text = value.strip().strip(_CURRENCY).strip()
    exact = _strict_number(text)
    if exact is not None:
        return exact
    tokens = _NUMBER_TOKEN.findall(value)
    if len(tokens) == 1:
        return float(tokens[0].replace(",", ""))
    return None


def as_items(value):
    """A list of items: a list, a set, or a text of items separated by commas or new lines."""
    if isinstance(value, (list, tuple, set, frozenset)):
        return list(value)
    if isinstance(value, dict):
        return list(value.items())
    text = str(value).strip()
    if text[:1] in "[({" and text[-1:] in "])}":
        text = text[1:-1]
    separator = "\n" if "\n" in text and "," not in text else ","
    items = [clean(part).strip("'\"").strip() for part in text.split(separator)]
    return [parse(item) if _strict_number(item) is not None else item for item in items if item]


def _strict_number(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        text = value.strip()
        if text and _NUMBER.fullmatch(text) and any(ch.isdigit() for ch in text):
            return float(text.replace(",", ""))
    return None


def _truth(value):
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        return {"true": True, "yes": True, "false": False, "no": False}.get(value.strip().lower())
    return None


def _kind_for(expected):
    if isinstance(expected, bool):
        return "value"
    if isinstance(expected, (int, float)):
        return "number"
    if isinstance(expected, str):
        return "exact"
    return "value"


def _text_key(text, case_sensitive):
    text = " ".join(clean(text).split())
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        text = text[1:-1].strip()
    return text if case_sensitive else text.casefold()


def _key(key):
    return _text_key(str(key), False)


def _item_key(item, case_sensitive):
    number = _strict_number(item)
    if number is not None:
        return ("number", number)
    return ("text", _text_key(str(item), case_sensitive))


def _unique(items, case_sensitive):
    seen, unique = set(), []
    for item in items:
        key = _item_key(item, case_sensitive)
        if key not in seen:
            seen.add(key)
            unique.append(item)
    return unique


def _show(value, limit=160):
    text = repr(value) if isinstance(value, str) else json.dumps(value, default=str)
    return text if len(text) <= limit else text[:limit - 1] + "\u2026"
