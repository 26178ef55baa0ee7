"""A tool: a Python function with a one-line description and a signature the model reads.

A suite may declare a tool's signature as text (M3ToolEval's ``fn_signature``). Calls are checked
against the function's real signature, so that is what the model is shown whenever the declared
text names other parameters; ``mismatch()`` says how they differ (``--check-suite`` reports it).
"""
import inspect
import re

from .calls import split_top_level


class Tool:
    """A callable offered to the model under ``name``."""

    def __init__(self, name, function, description, signature_text=None):
        if not callable(function):
            raise ValueError("tool %r is not callable" % name)
        self.name = name
        self.function = function
        self.full_description = (description or "").strip()
        self.description = " ".join(self.full_description.split())
        self.signature = _signature(function)
        self.real_text = _signature_text(name, self.signature) if self.signature is not None else None
        self.declared_text = " ".join(signature_text.split()) if signature_text else None
        self.declared = declared_parameters(self.declared_text) if self.declared_text else None
        self.signature_text = self._shown()

    @staticmethod
    def of(function, name=None):
        """A tool for a plain function: its name and the first line of its docstring."""
        doc = inspect.getdoc(function) or ""
        first_line = doc.strip().splitlines()[0] if doc.strip() else ""
        return Tool(name or function.__name__, function, first_line)

    @staticmethod
    def from_spec(name, spec):
        """A tool from a function, a dict (``function``, ``description``, ``signature``), or any
        object with those attributes (M3ToolEval's ``ToolType``: ``function``, ``description``,
        ``fn_signature``)."""
        if isinstance(spec, Tool):
            return spec if name in (None, spec.name) else spec.renamed(name)
        if isinstance(spec, dict):
            function = spec.get("function")
            description = spec.get("description")
            signature = spec.get("signature")
            name = name or spec.get("name")
        elif inspect.isroutine(spec) or (callable(spec) and not hasattr(spec, "function")):
            tool = Tool.of(spec, name)
            return tool
        else:
            function = getattr(spec, "function", None)
            description = getattr(spec, "description", None)
            signature = getattr(spec, "signature", None) or getattr(spec, "fn_signature", None)
            name = name or getattr(spec, "name", None)
        if not callable(function):
            raise ValueError("a tool needs a callable \"function\" (got %r)" % (spec,))
        name = name or getattr(function, "__name__", None)
        if not name:
            raise ValueError("a tool needs a name")
        if description is None:
            description = Tool.of(function).description
        return Tool(name, function, description, signature)

    @staticmethod
    def all_in(module):
        """The tools of a tools module: the names in ``__all__``, else its own public functions."""
        names = getattr(module, "__all__", None)
        if names is None:
            names = [name for name, value in vars(module).items()
                     if not name.startswith("_") and inspect.isfunction(value)
                     and value.__module__ == module.__name__]
        return {name: Tool.of(getattr(module, name), name) for name in names}

    def renamed(self, name):
        return Tool(name, self.function, self.full_description)

    def mismatch(self):
        """How the declared signature text differs from the function's parameters, or ``None`` when
        they agree (or either is unknown)."""
        if self.declared is None or self.signature is None:
            return None
        real = real_parameters(self.signature)
        if real == self.declared:
            return None
        return "declared %s, but the function is %s" % (self.declared_text, self.real_text)

    def variadic_name(self):
        """The name of the ``*args`` parameter, from the function or else from the declared text."""
        if self.signature is not None:
            found = [p.name for p in self.signature.parameters.values() if p.kind == p.VAR_POSITIONAL]
            return found[0] if found else None
        for entry in self.declared or ():
            if entry.startswith("*") and not entry.startswith("**") and len(entry) > 1:
                return entry[1:]
        return None

    def _shown(self):
        if self.declared_text and (self.signature is None or self.mismatch() is None):
            return self.declared_text
        return self.real_text or "%s(...)" % self.name

    def parameters(self):
        """Each parameter: name, annotation text, whether required, default (as text)."""
        if self.signature is None:
            return []
        found = []
        for parameter in self.signature.parameters.values():
            entry = {"name": parameter.name, "type": _annotation_text(parameter.annotation),
                     "required": parameter.default is inspect.Parameter.empty
                     and parameter.kind not in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD)}
            if parameter.kind == parameter.VAR_POSITIONAL:
                entry["variadic"] = "positional"
            elif parameter.kind == parameter.VAR_KEYWORD:
                entry["variadic"] = "keyword"
            if parameter.default is not inspect.Parameter.empty:
                entry["default"] = repr(parameter.default)
            found.append(entry)
        return found

    def describe(self):
        return {"name": self.name, "signature": self.signature_text,
                "description": self.description, "full_description": self.full_description,
                "declared_signature": self.declared_text, "real_signature": self.real_text,
                "mismatch": self.mismatch(), "parameters": self.parameters()}


def real_parameters(signature):
    """The parameters as ``["a", "b", "*args", "**kw"]`` (a bare ``*`` before keyword-only ones)."""
    found, keyword_only = [], False
    for parameter in signature.parameters.values():
        if parameter.kind == parameter.VAR_POSITIONAL:
            found.append("*" + parameter.name)
            keyword_only = True
        elif parameter.kind == parameter.VAR_KEYWORD:
            found.append("**" + parameter.name)
        else:
            if parameter.kind == parameter.KEYWORD_ONLY and not keyword_only:
                found.append("*")
                keyword_only = True
            found.append(parameter.name)
    return found


def declared_parameters(text):
    """The parameters a signature text like ``f(a: int, *args: float) -> str`` names, in the form of
    ``real_parameters``; ``None`` when the text is not a call signature."""
    match = re.match(r"\s*[A-Za-z_][\w.]*\s*\(", text)
    if not match:
        return None
    depth, start = 1, match.end()
    for index in range(start, len(text)):
        depth += {"(": 1, "[": 1, "{": 1, ")": -1, "]": -1, "}": -1}.get(text[index], 0)
        if depth == 0:
            inside = text[start:index]
            break
    else:
        return None
    found = []
    for part in split_top_level(inside):
        name = re.split(r"[:=]", part, maxsplit=1)[0].strip()
        if name == "/":
            continue
        if name:
            found.append(name)
    return found


def _signature(function):
    try:
        return inspect.signature(function, eval_str=True)
    except (TypeError, ValueError, NameError):
        try:
            return inspect.signature(function)
        except (TypeError, ValueError):
            return None


def _signature_text(name, signature):
    return name + (str(signature) if signature is not None else "(...)")


def _annotation_text(annotation):
    if annotation is inspect.Parameter.empty:
        return ""
    return inspect.formatannotation(annotation)
